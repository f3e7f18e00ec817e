/// An ISO 4217 currency and the number of minor units (decimal places) it is counted in.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three-letter ISO 4217 code, upper case ("EUR").
    public let code: String
    /// Decimal places of the minor unit: 2 for EUR and USD, 0 for JPY.
    public let minorUnits: Int

    public init(code: String, minorUnits: Int = 2) {
        self.code = code
        self.minorUnits = minorUnits
    }

    public static let eur = Currency(code: "EUR")
    public static let usd = Currency(code: "USD")
    public static let gbp = Currency(code: "GBP")
    public static let chf = Currency(code: "CHF")
    public static let pln = Currency(code: "PLN")
    public static let jpy = Currency(code: "JPY", minorUnits: 0)

    /// The currencies StandKit knows by code.
    public static let known: [String: Currency] = Dictionary(
        uniqueKeysWithValues: [eur, usd, gbp, chf, pln, jpy].map { ($0.code, $0) })

    /// Looks a currency up by its ISO code, case-insensitively.
    public static func named(_ code: String) -> Currency? {
        known[code.uppercased()]
    }

    public var description: String { code }
}
