import Foundation

/// A rule that lowers the price: what it takes off (``kind``), when and for whom it is valid,
/// and how it ranks against the others.
///
/// Which promotions apply to a cart is decided by ``Pricer``: it picks the combination that
/// saves the customer most, deterministically (see docs/pricing.md).
public struct Promotion: Hashable, Sendable, Codable, Identifiable {
    public let id: PromotionID
    /// The start of the reason printed on the receipt: "Combo hot dog + cola".
    public let name: String
    public let kind: PromotionKind
    /// Higher first: decides which promotion takes a unit first inside a combination, and
    /// breaks ties between combinations that save the same amount.
    public let priority: Int
    public let exclusivity: Exclusivity
    public let source: PromotionSource
    /// Recurring hours in the stand's time zone; nil for always.
    public let window: TimeWindow?
    /// First moment the promotion is valid (inclusive); nil for no start.
    public let validFrom: Date?
    /// Moment the promotion ends (exclusive); nil for no end.
    public let validUntil: Date?
    /// The coupon the customer must present; nil when none is needed.
    public let coupon: CouponRequirement?
    /// The customers it is for; nil for everyone.
    public let customerRule: CustomerRule?

    public init(id: PromotionID, name: String, kind: PromotionKind, priority: Int = 0,
                exclusivity: Exclusivity = .combinable, source: PromotionSource = .company,
                window: TimeWindow? = nil, validFrom: Date? = nil, validUntil: Date? = nil,
                coupon: CouponRequirement? = nil, customerRule: CustomerRule? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.priority = priority
        self.exclusivity = exclusivity
        self.source = source
        self.window = window
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.coupon = coupon
        self.customerRule = customerRule
    }

    /// Decodes a JSON list of promotions (ISO 8601 dates); problems name the field path.
    /// Consistency with the catalog is checked when a ``Pricer`` is made.
    public static func loadList(json: Data) throws(CatalogError) -> [Promotion] {
        try CatalogFile.decode([Promotion].self, from: json)
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, kind, priority, exclusivity, source, window, validFrom, validUntil, coupon, customerRule
    }

    /// Everything but id, name and kind may be left out of a file; the defaults are those of `init`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(PromotionID.self, forKey: .id),
                  name: try c.decode(String.self, forKey: .name),
                  kind: try c.decode(PromotionKind.self, forKey: .kind),
                  priority: try c.decodeIfPresent(Int.self, forKey: .priority) ?? 0,
                  exclusivity: try c.decodeIfPresent(Exclusivity.self, forKey: .exclusivity) ?? .combinable,
                  source: try c.decodeIfPresent(PromotionSource.self, forKey: .source) ?? .company,
                  window: try c.decodeIfPresent(TimeWindow.self, forKey: .window),
                  validFrom: try c.decodeIfPresent(Date.self, forKey: .validFrom),
                  validUntil: try c.decodeIfPresent(Date.self, forKey: .validUntil),
                  coupon: try c.decodeIfPresent(CouponRequirement.self, forKey: .coupon),
                  customerRule: try c.decodeIfPresent(CustomerRule.self, forKey: .customerRule))
    }
}
