import Foundation
import StandCore
import StandHardware

/// The sections and keys `standd.toml` may hold, and how each becomes part of a
/// ``StandConfiguration``.
struct ConfigSchema {
    let file: String
    let sections: [ConfigSection]

    static let deviceSections: [(name: String, kind: DeviceKind)] = [
        ("devices.printer", .receiptPrinter), ("devices.drawer", .cashDrawer), ("devices.card", .paymentTerminal),
        ("devices.scanner", .scanner), ("devices.keypad", .keypad), ("devices.display", .display),
        ("devices.location", .locationSource),
    ]
    static let knownSections = ["stand", "pricing", "receipt"] + deviceSections.map(\.name) + ["locations"]

    func reader(_ name: String) -> ConfigReader? {
        sections.first { $0.name == name }.map { ConfigReader(file: file, section: $0) }
    }

    func configuration() throws(ConfigError) -> StandConfiguration {
        for section in sections where !Self.knownSections.contains(section.name) {
            throw .unknownSection(file: file, line: section.line, section: section.name, known: Self.knownSections)
        }
        guard let stand = reader("stand") else {
            throw .missingKey(file: file, section: "stand", key: "the [stand] section", why: "every stand has an id, a name and a data directory")
        }
        try stand.checkKeys(["id", "name", "data_directory", "time_zone", "auto_lock_minutes"])
        let id = try stand.requiredString("id", example: "\"berlin-alex-01\"", why: "the stand's id in the fleet")
        try stand.require(!id.contains { $0.isWhitespace || $0 == "/" }, "id", "contains spaces or /", example: "\"berlin-alex-01\"")
        let name = try stand.requiredString("name", example: "\"Hot Dogs Alexanderplatz\"", why: "shown on the display and the receipt")
        let dataDirectory = try stand.requiredString("data_directory", example: "\"/var/lib/standd\"", why: "where the sales are stored")
        let zoneName = try stand.requiredString("time_zone", example: "\"Europe/Berlin\"", why: "happy hours and report days are local times")
        let zone = TimeZone(identifier: zoneName)
        try stand.require(zone != nil, "time_zone", "is not a known time zone", example: "\"Europe/Berlin\"")
        let timeZone = zone ?? TimeZone(secondsFromGMT: 0)!
        let autoLock = try stand.integer("auto_lock_minutes", in: 0...720, example: "5") ?? 5

        guard let pricing = reader("pricing") else {
            throw .missingKey(file: file, section: "pricing", key: "the [pricing] section", why: "prices need a currency and a tax mode")
        }
        try pricing.checkKeys(["currency", "minor_units", "tax_mode", "tax_rounding", "cash_rounding", "catalog"])
        let code = try pricing.requiredString("currency", example: "\"EUR\"", why: "the currency of every price")
        try pricing.require(code.count == 3 && code.allSatisfy { $0.isASCII && $0.isUppercase }, "currency",
                            "is not a three-letter ISO 4217 code", example: "\"EUR\"")
        let minorUnits = try pricing.integer("minor_units", in: 0...3, example: "2") ?? (code == "JPY" ? 0 : 2)
        let currency = Currency(code: code, minorUnits: minorUnits)
        guard let taxMode = try pricing.choice("tax_mode", TaxMode.allCases.map { ($0.rawValue, $0) }) else {
            throw pricing.missing("tax_mode", "\"inclusive\" (prices contain VAT) or \"exclusive\" (tax added on top)")
        }
        let taxRounding = try pricing.choice("tax_rounding", [("per-receipt", TaxRounding.perReceipt), ("per-line", .perLine)]) ?? .perReceipt
        var cashRounding: CashRounding?
        if let text = try pricing.string("cash_rounding", example: "\"0.05\"") {
            cashRounding = Money(parsing: text, currency).flatMap { try? CashRounding(increment: $0) }
            try pricing.require(cashRounding != nil, "cash_rounding", "is not a positive amount of \(code)", example: "\"0.05\"")
        }
        let catalogPath = try pricing.string("catalog", example: "\"/etc/standd/catalog.json\"")

        var header: [String] = []
        var footer: [String] = []
        var logo: String?
        if let receipt = reader("receipt") {
            try receipt.checkKeys(["header", "footer", "logo"])
            logo = try receipt.string("logo", example: "\"/etc/standd/logo.png\"")
            header = try receipt.strings("header", example: "[\"Hot Dogs Alexanderplatz\", \"VAT DE123456789\"]") ?? []
            footer = try receipt.strings("footer", example: "[\"Thank you!\"]") ?? []
        }

        var devices: [DeviceKind: DeviceSettings] = [:]
        var paperWidth = PaperWidth.mm80
        var geometry = DisplayGeometry.lcd20x4
        for (sectionName, kind) in Self.deviceSections {
            guard let device = reader(sectionName) else {
                devices[kind] = DeviceSettings.none
                continue
            }
            let settings = try deviceSettings(device, kind: kind)
            devices[kind] = settings
            if kind == .receiptPrinter, let width = try device.integer("paper_width", in: 58...80, example: "80") {
                try device.require(width == 58 || width == 80, "paper_width", "is neither 58 nor 80 (mm)", example: "80")
                paperWidth = width == 58 ? .mm58 : .mm80
            }
            if kind == .display {
                let columns = try device.integer("columns", in: 8...200, example: "20") ?? geometry.columns
                let rows = try device.integer("rows", in: 1...100, example: "4") ?? geometry.rows
                geometry = DisplayGeometry(columns: columns, rows: rows)
            }
        }

        var spots: [String] = []
        var defaultSpot: String?
        if let locations = reader("locations") {
            try locations.checkKeys(["spots", "default"])
            spots = try locations.strings("spots", example: "[\"Alexanderplatz\", \"Hackescher Markt\"]") ?? []
            try locations.require(!spots.contains { $0.trimmingCharacters(in: .whitespaces).isEmpty }, "spots",
                                  "holds an empty name", example: "[\"Alexanderplatz\", \"Hackescher Markt\"]")
            try locations.require(Set(spots).count == spots.count, "spots", "names a spot twice",
                                  example: "[\"Alexanderplatz\", \"Hackescher Markt\"]")
            defaultSpot = try locations.string("default", example: "\"Alexanderplatz\"")
            try locations.require(defaultSpot.map(spots.contains) ?? true, "default", "is not one of the spots",
                                  example: "\"\(spots.first ?? "Alexanderplatz")\"")
        }

        return StandConfiguration(
            standID: StandID(id), standName: name, dataDirectory: dataDirectory, timeZone: timeZone,
            autoLockMinutes: autoLock, receiptHeader: header, receiptFooter: footer, currency: currency,
            taxMode: taxMode, taxRounding: taxRounding, cashRounding: cashRounding, catalogPath: catalogPath,
            devices: devices, paperWidth: paperWidth, displayGeometry: geometry, locations: spots,
            defaultLocation: defaultSpot, receiptLogoPath: logo)
    }

    /// The keys each driver takes besides `driver`.
    static func keys(of driver: DeviceDriver) -> [String] {
        switch driver {
        case .virtual, .none: []
        case .usb: ["usb_id"]
        case .file, .evdev, .tty: ["path"]
        case .tcp, .gpsd: ["host", "port"]
        case .serial: ["path", "baud"]
        case .gpio: ["chip", "line", "pulse_ms", "active_low"]
        case .printer: ["pulse_ms"]
        }
    }

    /// Keys a device kind takes whatever its driver.
    static func extraKeys(of kind: DeviceKind) -> [String] {
        switch kind {
        case .receiptPrinter: ["paper_width"]
        case .display: ["columns", "rows"]
        default: []
        }
    }

    static func defaultPort(of kind: DeviceKind) -> Int? {
        switch kind {
        case .receiptPrinter: 9100
        case .paymentTerminal: 20007
        case .locationSource: 2947
        default: nil
        }
    }

    func deviceSettings(_ device: ConfigReader, kind: DeviceKind) throws(ConfigError) -> DeviceSettings {
        let allowed = DeviceDriver.allowed(for: kind)
        guard let driver = try device.choice("driver", allowed.map { ($0.rawValue, $0) }) else {
            throw device.missing("driver", "one of " + allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        try device.checkKeys(["driver"] + Self.keys(of: driver) + Self.extraKeys(of: kind))
        let why = "driver \"\(driver.rawValue)\" needs it"
        switch driver {
        case .virtual:
            return .virtual
        case .none:
            return .none
        case .usb:
            let text = try device.requiredString("usb_id", example: "\"0416:5011\"", why: "vendor:product of the USB device, as lsusb shows it")
            let parts = text.split(separator: ":")
            let ids = parts.count == 2 && parts.allSatisfy { $0.count == 4 } ? parts.compactMap { UInt16($0, radix: 16) } : []
            try device.require(ids.count == 2, "usb_id", "is not vendor:product in hex", example: "\"0416:5011\"")
            return .usb(vendorID: ids[0], productID: ids[1])
        case .file:
            return .file(path: try device.requiredString("path", example: "\"/dev/usb/lp0\"", why: why))
        case .evdev:
            return .evdev(path: try device.requiredString("path", example: "\"/dev/input/by-id/usb-keypad-event-kbd\"", why: why))
        case .tty:
            return .tty(path: try device.string("path", example: "\"/dev/ttyS0\""))
        case .tcp:
            let host = try device.requiredString("host", example: "\"192.168.1.50\"", why: why)
            guard let port = try device.integer("port", in: 1...65_535, example: "9100") ?? Self.defaultPort(of: kind) else {
                throw device.missing("port", why)
            }
            return .tcp(host: host, port: port)
        case .gpsd:
            let host = try device.string("host", example: "\"127.0.0.1\"") ?? "127.0.0.1"
            return .gpsd(host: host, port: try device.integer("port", in: 1...65_535, example: "2947") ?? 2947)
        case .serial:
            let path = try device.requiredString("path", example: "\"/dev/ttyUSB0\"", why: why)
            return .serial(path: path, baud: try device.integer("baud", in: 300...921_600, example: "9600") ?? 9600)
        case .gpio:
            let chip = try device.requiredString("chip", example: "\"gpiochip0\"", why: why)
            guard let line = try device.integer("line", in: 0...1023, example: "17") else { throw device.missing("line", why) }
            let pulse = try device.integer("pulse_ms", in: 10...1000, example: "100") ?? 100
            return .gpio(chip: chip, line: line, pulseMilliseconds: pulse, activeLow: try device.bool("active_low") ?? false)
        case .printer:
            return .printerPort(pulseMilliseconds: try device.integer("pulse_ms", in: 10...1000, example: "100") ?? 100)
        }
    }
}
