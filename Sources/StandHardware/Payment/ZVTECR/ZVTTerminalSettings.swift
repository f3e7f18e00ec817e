import StandCore

/// How the stand talks ZVT to its card terminal.
public struct ZVTTerminalSettings: Hashable, Sendable {
    /// The terminal's six-digit password, sent with administrative commands.
    public var password: UInt32
    /// The stand's currency; the terminal is registered for it.
    public var currency: Currency
    /// The registration's config byte. The default: the stand prints payment and administration
    /// receipts (02, 04), wants intermediate status (08), the amount cannot be typed on the
    /// terminal (10), nor administration started there (20).
    public var configByte: UInt8
    /// T3: how long a frame waits for its ACK, and a command for the terminal's first answer.
    public var acknowledgementTimeout: Duration
    /// T4: how long the terminal may keep the master rights without a message; every message
    /// starts it again.
    public var masterTimeout: Duration
    /// How often a frame is repeated after a NAK or silence.
    public var repeats: Int

    public init(password: UInt32 = 0, currency: Currency = .eur, configByte: UInt8 = 0x3E,
                acknowledgementTimeout: Duration = .seconds(5), masterTimeout: Duration = .seconds(180), repeats: Int = 2) {
        self.password = password
        self.currency = currency
        self.configByte = configByte
        self.acknowledgementTimeout = acknowledgementTimeout
        self.masterTimeout = masterTimeout
        self.repeats = repeats
    }

    /// The currency's ISO 4217 number, which ZVT sends; nil for one StandKit does not know.
    public static func isoNumber(of currency: Currency) -> UInt16? {
        switch currency.code {
        case "EUR": 978
        case "CHF": 756
        case "GBP": 826
        case "USD": 840
        case "PLN": 985
        case "CZK": 203
        case "HUF": 348
        case "SEK": 752
        case "DKK": 208
        case "NOK": 578
        case "RON": 946
        case "BGN": 975
        default: nil
        }
    }
}
