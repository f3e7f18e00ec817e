/// One line of a priced cart: a product, its chosen modifiers and quantity, before discounts.
public struct PricedLine: Hashable, Sendable, Codable {
    public let productID: ProductID
    public let name: String
    public let quantity: Int
    /// Price of one unit including its modifiers, as the catalog states it (gross in
    /// tax-inclusive mode, net in tax-exclusive mode).
    public let unitPrice: Money
    /// Names of the modifiers chosen ("extra cheese").
    public let modifiers: [String]
    public let taxClass: TaxClassID
    /// What one unit consumes from inventory, modifiers included.
    public let recipe: [RecipeComponent]
    /// `unitPrice × quantity`.
    public let amount: Money

    public init(productID: ProductID, name: String, quantity: Int, unitPrice: Money, modifiers: [String],
                taxClass: TaxClassID, recipe: [RecipeComponent]) {
        self.productID = productID
        self.name = name
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.modifiers = modifiers
        self.taxClass = taxClass
        self.recipe = recipe
        self.amount = unitPrice * quantity
    }
}

/// A discount that applied, with the reason a person reads on the receipt.
public struct AppliedDiscount: Hashable, Sendable, Codable {
    public let promotionID: String
    /// "Happy hour 17–19: 20 % off drinks".
    public let reason: String
    /// Positive amount taken off.
    public let amount: Money
    /// Indexes into `PricedCart.lines` of the lines the discount is spread over.
    public let lineIndexes: [Int]
    /// The part of `amount` each of `lineIndexes` carries (parallel array; they sum exactly to
    /// `amount`). Tax is computed on line amounts after these parts; a refund of one line
    /// gives back its part. Empty when the producer did not record the split.
    public let allocations: [Money]

    public init(promotionID: String, reason: String, amount: Money, lineIndexes: [Int], allocations: [Money] = []) {
        self.promotionID = promotionID
        self.reason = reason
        self.amount = amount
        self.lineIndexes = lineIndexes
        self.allocations = allocations
    }

    private enum CodingKeys: String, CodingKey { case promotionID, reason, amount, lineIndexes, allocations }

    /// `allocations` is optional in the encoded form, so discounts stored without it still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(promotionID: try c.decode(String.self, forKey: .promotionID),
                  reason: try c.decode(String.self, forKey: .reason),
                  amount: try c.decode(Money.self, forKey: .amount),
                  lineIndexes: try c.decode([Int].self, forKey: .lineIndexes),
                  allocations: try c.decodeIfPresent([Money].self, forKey: .allocations) ?? [])
    }
}

/// Tax charged (or contained, in tax-inclusive mode) at one rate.
public struct TaxLine: Hashable, Sendable, Codable {
    public let taxClass: TaxClassID
    /// Rate in basis points: 1900 = 19 %.
    public let rateBasisPoints: Int
    /// The net amount the tax is computed on.
    public let base: Money
    public let amount: Money

    public init(taxClass: TaxClassID, rateBasisPoints: Int, base: Money, amount: Money) {
        self.taxClass = taxClass
        self.rateBasisPoints = rateBasisPoints
        self.base = base
        self.amount = amount
    }
}

/// Whether catalog prices already contain tax (EU VAT) or tax is added on top (US sales tax).
public enum TaxMode: String, Hashable, Sendable, Codable, CaseIterable {
    case inclusive
    case exclusive
}

/// The result of pricing a cart: what the customer pays and why. Totals add up to the cent:
/// `total == subtotal − discountTotal + (exclusive ? taxTotal : 0)`.
public struct PricedCart: Hashable, Sendable, Codable {
    public let currency: Currency
    public let taxMode: TaxMode
    public let lines: [PricedLine]
    public let discounts: [AppliedDiscount]
    public let taxes: [TaxLine]

    public init(currency: Currency, taxMode: TaxMode, lines: [PricedLine], discounts: [AppliedDiscount], taxes: [TaxLine]) {
        self.currency = currency
        self.taxMode = taxMode
        self.lines = lines
        self.discounts = discounts
        self.taxes = taxes
    }

    /// Sum of the lines before discounts.
    public var subtotal: Money { Money.sum(lines.map(\.amount), currency) }
    public var discountTotal: Money { Money.sum(discounts.map(\.amount), currency) }
    public var taxTotal: Money { Money.sum(taxes.map(\.amount), currency) }

    /// What the customer pays.
    public var total: Money {
        switch taxMode {
        case .inclusive: subtotal - discountTotal
        case .exclusive: subtotal - discountTotal + taxTotal
        }
    }
}
