/// Where tax is rounded to the cent.
public enum TaxRounding: String, Hashable, Sendable, Codable, CaseIterable {
    /// Tax is rounded on each cart line, then the rounded amounts are summed per rate.
    case perLine
    /// The (discounted) line amounts are summed per rate, and the tax is rounded once per rate.
    case perReceipt
}
