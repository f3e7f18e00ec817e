import StandHardware

/// One device as configured: its driver and that driver's connection settings.
public enum DeviceSettings: Hashable, Sendable {
    case virtual
    case usb(vendorID: UInt16, productID: UInt16)
    case file(path: String)
    case tcp(host: String, port: Int)
    case serial(path: String, baud: Int)
    /// `pulseMilliseconds`: how long the solenoid is driven; `activeLow`: the line is driven low.
    case gpio(chip: String, line: Int, pulseMilliseconds: Int, activeLow: Bool)
    case evdev(path: String)
    /// nil: the terminal standd runs in.
    case tty(path: String?)
    case gpsd(host: String, port: Int)
    /// A drawer on the printer's drawer port; `pulseMilliseconds` of the kick.
    case printerPort(pulseMilliseconds: Int)
    case none

    public var driver: DeviceDriver {
        switch self {
        case .virtual: .virtual
        case .usb: .usb
        case .file: .file
        case .tcp: .tcp
        case .serial: .serial
        case .gpio: .gpio
        case .evdev: .evdev
        case .tty: .tty
        case .gpsd: .gpsd
        case .printerPort: .printer
        case .none: .none
        }
    }

    /// Whether the stand has this device at all.
    public var isConfigured: Bool { self != .none }

    /// The connection in StandHardware's terms, for the device's identity; nil for `none` and for
    /// a drawer on the printer's port (it has no connection of its own).
    public func connection(for kind: DeviceKind) -> DeviceConnection? {
        switch self {
        case .virtual: .virtual(name: kind.rawValue)
        case .usb(let vendor, let product): .usb(vendorID: vendor, productID: product, serial: nil)
        case .file(let path), .evdev(let path): .file(path: path)
        case .tcp(let host, let port), .gpsd(let host, let port): .tcp(host: host, port: port)
        case .serial(let path, let baud): .serial(path: path, baudRate: baud)
        case .gpio(let chip, let line, _, _): .gpio(chip: chip, lines: [line])
        case .tty(let path): .file(path: path ?? "/dev/tty")
        case .printerPort, .none: nil
        }
    }
}
