import Foundation
import Logging
import StandCore
import StandHardware

/// Everything `standd` needs to run a stand, read from `standd.toml` (docs/configuration.md):
/// the stand's identity and data directory, pricing, receipt text, each device's driver and
/// connection, and the named spots the operator can pick.
///
/// The file is a TOML subset parsed here; every problem is a ``ConfigError`` naming the line:
/// `standd.toml line 12: baud = "96OO" is not a number; write e.g. baud = 9600`.
public struct StandConfiguration: Hashable, Sendable {
    public var standID: StandID
    /// The stand's name on the display and the receipt.
    public var standName: String
    /// Where the store (`stand.sqlite`) lives; it must exist.
    public var dataDirectory: String
    /// The stand's local time zone: happy hours, report days.
    public var timeZone: TimeZone
    /// Minutes without a key press before the terminal locks; 0 never locks by itself.
    public var autoLockMinutes: Int
    public var receiptHeader: [String]
    public var receiptFooter: [String]
    /// A PNG or PBM printed at the top of every receipt.
    public var receiptLogoPath: String?

    public var currency: Currency
    public var taxMode: TaxMode
    public var taxRounding: TaxRounding
    /// The smallest coin cash is rounded to (CHF 0.05); nil for none.
    public var cashRounding: CashRounding?
    /// A catalog JSON file (`Catalog.load(json:)`); nil uses the embedded demo catalog.
    public var catalogPath: String?

    /// Each device kind's driver and connection; `.none` when the stand has no such device.
    public var devices: [DeviceKind: DeviceSettings]
    public var paperWidth: PaperWidth
    public var displayGeometry: DisplayGeometry
    /// The keypad's Linux key codes → stand keys (`[keymap]` over the USB numeric keypad's map).
    public var keymap: Keymap

    /// Named spots for MENU → Set location, in the order shown.
    public var locations: [String]
    /// The spot sales carry until the operator picks another one.
    public var defaultLocation: String?
    /// The card terminal's six-digit password (ZVT), sent with its administrative commands.
    public var cardTerminalPassword: UInt32
    /// The control socket `standctl status` and a local scraper read (`standd --control-socket`).
    public var controlSocketPath = "/run/standkit/control.sock"
    /// Where `/metrics` is also served over TCP (`[metrics] listen`); nil (the default) for nowhere.
    public var metricsAddress: MetricsAddress?
    /// The least important log lines written (`[log] level`); SIGHUP applies a new one at once.
    public var logLevel: Logger.Level = .info

    public init(standID: StandID, standName: String, dataDirectory: String, timeZone: TimeZone, autoLockMinutes: Int = 5,
                receiptHeader: [String] = [], receiptFooter: [String] = [], currency: Currency, taxMode: TaxMode,
                taxRounding: TaxRounding = .perReceipt, cashRounding: CashRounding? = nil, catalogPath: String? = nil,
                devices: [DeviceKind: DeviceSettings], paperWidth: PaperWidth = .mm80,
                displayGeometry: DisplayGeometry = .lcd20x4, locations: [String] = [], defaultLocation: String? = nil,
                receiptLogoPath: String? = nil, keymap: Keymap = .usbNumericKeypad, cardTerminalPassword: UInt32 = 0) {
        self.cardTerminalPassword = cardTerminalPassword
        self.receiptLogoPath = receiptLogoPath
        self.keymap = keymap
        self.standID = standID
        self.standName = standName
        self.dataDirectory = dataDirectory
        self.timeZone = timeZone
        self.autoLockMinutes = autoLockMinutes
        self.receiptHeader = receiptHeader
        self.receiptFooter = receiptFooter
        self.currency = currency
        self.taxMode = taxMode
        self.taxRounding = taxRounding
        self.cashRounding = cashRounding
        self.catalogPath = catalogPath
        self.devices = devices
        self.paperWidth = paperWidth
        self.displayGeometry = displayGeometry
        self.locations = locations
        self.defaultLocation = defaultLocation
    }

    /// The settings of one device kind (`.none` when not configured).
    public func device(_ kind: DeviceKind) -> DeviceSettings {
        devices[kind] ?? .none
    }

    /// The pricing settings the `Pricer` uses.
    public var pricingSettings: PricingSettings {
        PricingSettings(taxMode: taxMode, taxRounding: taxRounding, roundingRule: .halfUp, timeZone: timeZone)
    }

    /// What the operator terminal needs.
    public var terminalSettings: TerminalSettings {
        TerminalSettings(standID: standID, standName: standName,
                         autoLockAfter: autoLockMinutes > 0 ? TimeInterval(autoLockMinutes * 60) : nil,
                         locations: locations, cashRounding: cashRounding)
    }

    /// The whole stand simulated: every device virtual, the demo catalog (EUR, VAT inclusive,
    /// Europe/Berlin), three named spots. `standd --simulate` runs on it.
    public static func simulated(dataDirectory: String) -> StandConfiguration {
        var devices: [DeviceKind: DeviceSettings] = [:]
        for kind in DeviceKind.allCases { devices[kind] = .virtual }
        return StandConfiguration(
            standID: "demo-stand-01", standName: "Demo Hot Dogs", dataDirectory: dataDirectory,
            timeZone: TimeZone(identifier: "Europe/Berlin") ?? TimeZone(secondsFromGMT: 0)!,
            autoLockMinutes: 5, receiptHeader: ["Demo Hot Dogs", "Alexanderplatz, Berlin"],
            receiptFooter: ["Thank you!", "Simulated stand - not a tax receipt"],
            currency: .eur, taxMode: .inclusive, taxRounding: .perReceipt, devices: devices,
            paperWidth: .mm80, displayGeometry: .lcd20x4,
            locations: ["Alexanderplatz", "Hackescher Markt", "Mauerpark"], defaultLocation: "Alexanderplatz")
    }

    /// Reads and checks the configuration file at `path`.
    public static func load(path: String) throws(ConfigError) -> StandConfiguration {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, detail: (error as NSError).localizedDescription)
        }
        return try parse(text, file: name)
    }

    /// Parses and checks configuration text; `file` names it in errors.
    public static func parse(_ text: String, file: String = "standd.toml") throws(ConfigError) -> StandConfiguration {
        try ConfigSchema(file: file, sections: try ConfigParser(file: file).parse(text)).configuration()
    }
}
