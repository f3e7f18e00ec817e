import StandDrivers
import StandHardware

/// The real drivers (StandDrivers) for the devices a configuration names: what `standd` runs on
/// a stand kit. Nothing is opened here; the device supervisor opens, retries and reports.
enum DeviceFactory {
    static func devices(for configuration: StandConfiguration) throws -> DeviceSet {
        let printer = try self.printer(configuration)
        return DeviceSet(printer: printer, drawer: try drawer(configuration, printer: printer), paymentTerminal: try cardTerminal(configuration),
                         keypad: try keypad(configuration), scanner: try scanner(configuration), display: try display(configuration),
                         location: try location(configuration))
    }

    private static func printer(_ configuration: StandConfiguration) throws -> (any ReceiptPrinter)? {
        let width = configuration.paperWidth
        switch configuration.device(.receiptPrinter) {
        case .usb(let id):
            return USBReceiptPrinter(settings: .init(vendorID: id?.vendor, productID: id?.product, paperWidth: width))
        case .file(let path):
            return DeviceFileReceiptPrinter(settings: .init(path: path, paperWidth: width))
        case .tcp(let host, let port):
            return NetworkReceiptPrinter(settings: .init(host: host, port: port, paperWidth: width))
        case let other:
            return try absent(other, .receiptPrinter)
        }
    }

    private static func drawer(_ configuration: StandConfiguration, printer: (any ReceiptPrinter)?) throws -> (any CashDrawer)? {
        switch configuration.device(.cashDrawer) {
        case .gpio(let wiring):
            return GPIOCashDrawer(settings: .init(chip: wiring.chip, solenoidLine: wiring.line, sensorLine: wiring.sensorLine,
                                                  pulse: .milliseconds(wiring.pulseMilliseconds), solenoidActiveLow: wiring.activeLow,
                                                  sensorActiveLow: wiring.sensorActiveLow, leftOpenAfter: wiring.leftOpenSeconds))
        case .printerPort(let milliseconds):
            guard let printer else {
                throw StandService.StartError(description: "The cash drawer is on the printer's drawer port (driver = \"printer\"), "
                    + "but the stand has no receipt printer: configure [devices.printer], or wire the drawer to GPIO.")
            }
            return try PrinterPortCashDrawer(printer: printer, pulseMilliseconds: milliseconds)
        case let other:
            return try absent(other, .cashDrawer)
        }
    }

    /// A ZVT card terminal on a serial line or the network.
    private static func cardTerminal(_ configuration: StandConfiguration) throws -> (any PaymentTerminal)? {
        let settings = ZVTTerminalSettings(password: configuration.cardTerminalPassword, currency: configuration.currency)
        switch configuration.device(.paymentTerminal) {
        case .serial(let wiring):
            let line = SerialTerminalLine(settings: .init(path: wiring.path, baudRate: wiring.baudRate,
                                                          parity: SerialLineSettings.Parity(rawValue: wiring.parity) ?? .none,
                                                          stopBits: wiring.stopBits == 2 ? .two : .one))
            return ZVTPaymentTerminal(line: line, connection: .serial(path: wiring.path, baudRate: wiring.baudRate), settings: settings)
        case .tcp(let host, let port):
            return ZVTPaymentTerminal(line: TCPTerminalLine(host: host, port: UInt16(port)), connection: .tcp(host: host, port: port),
                                      settings: settings)
        case let other:
            return try absent(other, .paymentTerminal)
        }
    }

    private static func keypad(_ configuration: StandConfiguration) throws -> (any Keypad)? {
        switch configuration.device(.keypad) {
        case .evdev(let path): EvdevKeypad(settings: .init(path: path, keymap: configuration.keymap))
        case let other: try absent(other, .keypad)
        }
    }

    private static func scanner(_ configuration: StandConfiguration) throws -> (any Scanner)? {
        switch configuration.device(.scanner) {
        case .camera(let path, let format, let symbologies):
            guard let frames = FrameFormat(rawValue: format) else {
                throw StandService.StartError(description: "The camera format \(format) is none of "
                    + FrameFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            return CameraScanner(settings: .init(path: path, format: frames, symbologies: symbologies))
        case .evdev(let path):
            return KeyboardWedgeScanner(settings: .init(path: path))
        case let other:
            return try absent(other, .scanner)
        }
    }

    private static func display(_ configuration: StandConfiguration) throws -> (any Display)? {
        let geometry = configuration.displayGeometry
        switch configuration.device(.display) {
        case .tty(let path): return ConsoleDisplay(settings: .init(path: path ?? "/dev/tty1", geometry: geometry))
        case .i2c(let path, let address): return HD44780Display(settings: .init(path: path, address: address, geometry: geometry))
        case let other: return try absent(other, .display)
        }
    }

    private static func location(_ configuration: StandConfiguration) throws -> (any LocationSource)? {
        switch configuration.device(.locationSource) {
        case .gpsd(let host, let port): GPSDLocationSource(settings: .init(host: host, port: port))
        case let other: try absent(other, .locationSource)
        }
    }

    /// nil for `none`; anything else reaching here is a driver the configuration check lets
    /// through for this kind but no case above builds.
    private static func absent<T>(_ settings: DeviceSettings, _ kind: DeviceKind) throws -> T? {
        guard settings == .none else {
            throw StandService.StartError(description: "driver = \"\(settings.driver.rawValue)\" cannot run the \(kind) in standd; "
                + "the drivers for a \(kind) are " + DeviceDriver.allowed(for: kind).filter { $0 != .virtual }.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + ".")
        }
        return nil
    }
}
