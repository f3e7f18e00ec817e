import Foundation

/// How a stand computes taxes and reads promotion hours.
public struct PricingSettings: Hashable, Sendable, Codable {
    /// Whether catalog prices contain tax (EU VAT) or tax is added on top (US sales tax).
    public let taxMode: TaxMode
    public let taxRounding: TaxRounding
    /// The rounding of tax amounts and percentage discounts.
    public let roundingRule: RoundingRule
    /// The stand's wall clock, for promotion windows and selling hours.
    public let timeZone: TimeZone

    public init(taxMode: TaxMode, taxRounding: TaxRounding, roundingRule: RoundingRule = .halfUp, timeZone: TimeZone) {
        self.taxMode = taxMode
        self.taxRounding = taxRounding
        self.roundingRule = roundingRule
        self.timeZone = timeZone
    }

    private enum CodingKeys: String, CodingKey { case taxMode, taxRounding, roundingRule, timeZone }

    /// The time zone is an IANA identifier ("Europe/Berlin"); an unknown one is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let identifier = try container.decode(String.self, forKey: .timeZone)
        guard let zone = TimeZone(identifier: identifier) else {
            throw DecodingError.dataCorruptedError(forKey: .timeZone, in: container,
                                                   debugDescription: "unknown time zone \"\(identifier)\"; use an IANA name like \"Europe/Berlin\"")
        }
        self.init(taxMode: try container.decode(TaxMode.self, forKey: .taxMode),
                  taxRounding: try container.decode(TaxRounding.self, forKey: .taxRounding),
                  roundingRule: try container.decodeIfPresent(RoundingRule.self, forKey: .roundingRule) ?? .halfUp,
                  timeZone: zone)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taxMode, forKey: .taxMode)
        try container.encode(taxRounding, forKey: .taxRounding)
        try container.encode(roundingRule, forKey: .roundingRule)
        try container.encode(timeZone.identifier, forKey: .timeZone)
    }
}
