import Foundation
import Logging
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
    static let knownSections = ["stand", "pricing", "receipt"] + deviceSections.map(\.name) + ["keymap", "locations", "metrics", "log"]

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
        let dataDirectory = try stand.requiredString("data_directory", example: "\"/var/lib/standkit\"", why: "where the sales are stored")
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
        let catalogPath = try pricing.string("catalog", example: "\"/etc/standkit/catalog.json\"")

        var header: [String] = []
        var footer: [String] = []
        var logo: String?
        if let receipt = reader("receipt") {
            try receipt.checkKeys(["header", "footer", "logo"])
            logo = try receipt.string("logo", example: "\"/etc/standkit/logo.png\"")
            header = try receipt.strings("header", example: "[\"Hot Dogs Alexanderplatz\", \"VAT DE123456789\"]") ?? []
            footer = try receipt.strings("footer", example: "[\"Thank you!\"]") ?? []
        }

        var devices: [DeviceKind: DeviceSettings] = [:]
        var paperWidth = PaperWidth.mm80
        var geometry = DisplayGeometry.lcd20x4
        var cardPassword: UInt32 = 0
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
            if kind == .paymentTerminal, settings.isConfigured {
                _ = try device.choice("protocol", [("zvt", "zvt")])
                if let password = try device.string("password", example: "\"000000\"") {
                    try device.require(password.utf8.count == 6 && password.utf8.allSatisfy { (0x30...0x39).contains($0) }, "password",
                                       "is not the terminal's six-digit password", example: "\"000000\"")
                    cardPassword = UInt32(password) ?? 0
                }
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

        var metricsAddress: MetricsAddress?
        if let metrics = reader("metrics") {
            try metrics.checkKeys(["listen"])
            if let listen = try metrics.string("listen", example: "\"127.0.0.1:9464\"") {
                metricsAddress = MetricsAddress(listen)
                try metrics.require(metricsAddress != nil, "listen", "is not a loopback address with a port (the metrics stay on the board)",
                                    example: "\"127.0.0.1:9464\"")
            }
        }

        var logLevel = Logger.Level.info
        if let log = reader("log") {
            try log.checkKeys(["level"])
            logLevel = try log.choice("level", Self.logLevels) ?? .info
        }

        var configuration = StandConfiguration(
            standID: StandID(id), standName: name, dataDirectory: dataDirectory, timeZone: timeZone,
            autoLockMinutes: autoLock, receiptHeader: header, receiptFooter: footer, currency: currency,
            taxMode: taxMode, taxRounding: taxRounding, cashRounding: cashRounding, catalogPath: catalogPath,
            devices: devices, paperWidth: paperWidth, displayGeometry: geometry, locations: spots,
            defaultLocation: defaultSpot, receiptLogoPath: logo, keymap: try keymap(), cardTerminalPassword: cardPassword)
        configuration.metricsAddress = metricsAddress
        configuration.logLevel = logLevel
        return configuration
    }

    /// `[log] level`'s words, the usual first: the journal's priorities from debug to critical.
    static let logLevels: [(String, Logger.Level)] = [("info", .info), ("debug", .debug), ("notice", .notice), ("warning", .warning),
                                                     ("error", .error), ("critical", .critical)]

    /// The keys each driver takes besides `driver`.
    static func keys(of driver: DeviceDriver) -> [String] {
        switch driver {
        case .virtual, .none: []
        case .usb: ["usb_id"]
        case .file, .evdev, .tty: ["path"]
        case .camera: ["path", "format", "symbologies"]
        case .i2c: ["path", "address"]
        case .tcp, .gpsd: ["host", "port"]
        case .gpio: ["chip", "line", "pulse_ms", "active_low", "sensor_line", "sensor_active_low", "left_open_seconds"]
        case .printer: ["pulse_ms"]
        case .serial: ["path", "baud", "parity", "stop_bits"]
        }
    }

    /// Keys a device kind takes whatever its driver.
    static func extraKeys(of kind: DeviceKind) -> [String] {
        switch kind {
        case .receiptPrinter: ["paper_width"]
        case .display: ["columns", "rows"]
        case .paymentTerminal: ["protocol", "password"]
        default: []
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
            guard let text = try device.string("usb_id", example: "\"0416:5011\"") else { return .usb(nil) }
            let parts = text.split(separator: ":")
            let ids = parts.count == 2 && parts.allSatisfy { $0.count == 4 } ? parts.compactMap { UInt16($0, radix: 16) } : []
            try device.require(ids.count == 2, "usb_id", "is not vendor:product in hex", example: "\"0416:5011\"")
            return .usb(DeviceSettings.USBID(vendor: ids[0], product: ids[1]))
        case .file:
            return .file(path: try device.requiredString("path", example: "\"/dev/usb/lp0\"", why: why))
        case .evdev:
            return .evdev(path: try device.requiredString("path", example: "\"/dev/input/by-id/usb-keypad-event-kbd\"", why: why))
        case .camera:
            let path = try device.string("path", example: "\"/dev/video0\"") ?? "/dev/video0"
            let format = try device.choice("format", ["YUYV", "GREY", "RGB3"].map { ($0, $0) }) ?? "YUYV"
            return .camera(path: path, format: format, symbologies: try symbologies(device))
        case .tty:
            return .tty(path: try device.string("path", example: "\"/dev/tty1\""))
        case .i2c:
            let path = try device.string("path", example: "\"/dev/i2c-1\"") ?? "/dev/i2c-1"
            let address = try device.integer("address", in: 0x03...0x77, example: "0x27") ?? 0x27
            return .i2c(path: path, address: UInt8(address))
        case .tcp:
            let host = try device.requiredString("host", example: "\"192.168.1.50\"", why: why)
            let defaultPort = kind == .paymentTerminal ? 20007 : 9100
            return .tcp(host: host, port: try device.integer("port", in: 1...65_535, example: "\(defaultPort)") ?? defaultPort)
        case .serial:
            let path = try device.requiredString("path", example: "\"/dev/ttyUSB0\"", why: why)
            let rates = [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200, 230_400]
            let baud = try device.integer("baud", in: 1200...230_400, example: "9600") ?? 9600
            try device.require(rates.contains(baud), "baud", "is not a serial speed (" + rates.map(String.init).joined(separator: ", ") + ")",
                               example: "9600")
            let parity = try device.choice("parity", ["none", "even", "odd"].map { ($0, $0) }) ?? "none"
            let stopBits = try device.integer("stop_bits", in: 1...2, example: "2") ?? 1
            return .serial(DeviceSettings.SerialWiring(path: path, baudRate: baud, parity: parity, stopBits: stopBits))
        case .gpsd:
            let host = try device.string("host", example: "\"127.0.0.1\"") ?? "127.0.0.1"
            return .gpsd(host: host, port: try device.integer("port", in: 1...65_535, example: "2947") ?? 2947)
        case .gpio:
            let chip = try device.requiredString("chip", example: "\"gpiochip0\"", why: why)
            guard let line = try device.integer("line", in: 0...1023, example: "17") else { throw device.missing("line", why) }
            let sensor = try device.integer("sensor_line", in: 0...1023, example: "27")
            try device.require(sensor != line, "sensor_line", "is the solenoid's line", example: "\(line == 27 ? 22 : 27)")
            return .gpio(DeviceSettings.GPIODrawerWiring(
                chip: chip, line: line, pulseMilliseconds: try device.integer("pulse_ms", in: 10...1000, example: "100") ?? 100,
                activeLow: try device.bool("active_low") ?? false, sensorLine: sensor,
                sensorActiveLow: try device.bool("sensor_active_low") ?? false,
                leftOpenSeconds: try device.integer("left_open_seconds", in: 5...3600, example: "30") ?? 30))
        case .printer:
            return .printerPort(pulseMilliseconds: try device.integer("pulse_ms", in: 10...1000, example: "100") ?? 100)
        }
    }

    /// `symbologies = ["qr", "ean13"]` a camera decodes; every one when not given.
    func symbologies(_ device: ConfigReader) throws(ConfigError) -> Set<Symbology> {
        let example = "[\"qr\", \"ean13\", \"code128\"]"
        guard let names = try device.strings("symbologies", example: example) else { return Set(Symbology.allCases) }
        var result: Set<Symbology> = []
        for name in names {
            guard let symbology = Symbology(shortName: name) else {
                throw device.invalid(device.entry("symbologies")!, "names \"\(name)\", which is none of "
                    + Symbology.allCases.map(\.shortName).joined(separator: ", "), example: "symbologies = \(example)")
            }
            result.insert(symbology)
        }
        try device.require(!result.isEmpty, "symbologies", "is empty", example: example)
        return result
    }

    /// The USB numeric keypad's map with the `[keymap]` section's entries over it:
    /// `KEY_F11 = "menu"`, `78 = "subtotal"`, `KEY_KPMINUS = "none"` (unmapped).
    func keymap() throws(ConfigError) -> Keymap {
        var keymap = Keymap.usbNumericKeypad
        guard let reader = reader("keymap") else { return keymap }
        for entry in reader.section.entries {
            guard let code = Keymap.code(named: entry.key) else {
                throw .invalidValue(file: file, line: entry.line, key: entry.key, value: entry.value.written,
                                    expected: "has no Linux key code: \(entry.key) is not a KEY_… name or a number below 768",
                                    example: "KEY_KPPLUS = \"subtotal\"")
            }
            let example = "\(entry.key) = \"subtotal\""
            guard case .string(let name) = entry.value else {
                throw reader.invalid(entry, "is not a quoted stand key name", example: example)
            }
            if name == "none" {
                keymap[code] = nil
                continue
            }
            guard let key = Keymap.key(named: name) else {
                throw reader.invalid(entry, "is not a stand key (0-9, ., P1…, quantity, void, clear, backspace, subtotal, cash, card, enter, menu, up, down, none)",
                                     example: example)
            }
            keymap[code] = key
        }
        return keymap
    }
}
