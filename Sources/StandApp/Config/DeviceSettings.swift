import StandHardware

/// One device as configured: its driver and that driver's connection settings.
public enum DeviceSettings: Hashable, Sendable {
    case virtual
    /// A USB printer with this vendor:product id; nil finds any receipt printer (USB class 7 or
    /// a known printer id).
    case usb(USBID?)
    case file(path: String)
    case tcp(host: String, port: Int)
    case gpio(GPIODrawerWiring)
    case evdev(path: String)
    /// `format`: the frame format asked of the camera (fourcc: YUYV, GREY, RGB3); `symbologies`:
    /// the codes decoded, others ignored.
    case camera(path: String, format: String, symbologies: Set<Symbology>)
    /// nil: the terminal standd runs in.
    case tty(path: String?)
    case i2c(path: String, address: UInt8)
    case gpsd(host: String, port: Int)
    /// A drawer on the printer's drawer port; `pulseMilliseconds` of the kick.
    case printerPort(pulseMilliseconds: Int)
    /// A serial line: the device file, its speed and its framing.
    case serial(SerialWiring)
    case none

    /// How a serial device is wired: `path` (`/dev/ttyUSB0`, `/dev/serial/by-id/…`), baud rate,
    /// parity and stop bits (8 data bits always).
    public struct SerialWiring: Hashable, Sendable {
        public var path: String
        public var baudRate: Int
        /// "none", "even" or "odd".
        public var parity: String
        public var stopBits: Int

        public init(path: String, baudRate: Int = 9600, parity: String = "none", stopBits: Int = 1) {
            self.path = path
            self.baudRate = baudRate
            self.parity = parity
            self.stopBits = stopBits
        }
    }

    /// A USB vendor:product pair, as `lsusb` shows it.
    public struct USBID: Hashable, Sendable, CustomStringConvertible {
        public var vendor: UInt16
        public var product: UInt16

        public init(vendor: UInt16, product: UInt16) {
            self.vendor = vendor
            self.product = product
        }

        public var description: String { DeviceConnection.usb(vendorID: vendor, productID: product, serial: nil).description }
    }

    /// How a GPIO cash drawer is wired.
    public struct GPIODrawerWiring: Hashable, Sendable {
        public var chip: String
        public var line: Int
        public var pulseMilliseconds: Int
        /// The solenoid fires on a low level.
        public var activeLow: Bool
        /// The open sensor's line, if the drawer has one.
        public var sensorLine: Int?
        /// The sensor reads low when the drawer is open.
        public var sensorActiveLow: Bool
        /// Seconds an open drawer may stay open before the operator is warned.
        public var leftOpenSeconds: Int

        public init(chip: String, line: Int, pulseMilliseconds: Int = 100, activeLow: Bool = false, sensorLine: Int? = nil,
                    sensorActiveLow: Bool = false, leftOpenSeconds: Int = 30) {
            self.chip = chip
            self.line = line
            self.pulseMilliseconds = pulseMilliseconds
            self.activeLow = activeLow
            self.sensorLine = sensorLine
            self.sensorActiveLow = sensorActiveLow
            self.leftOpenSeconds = leftOpenSeconds
        }
    }

    public var driver: DeviceDriver {
        switch self {
        case .virtual: .virtual
        case .usb: .usb
        case .file: .file
        case .tcp: .tcp
        case .gpio: .gpio
        case .evdev: .evdev
        case .camera: .camera
        case .tty: .tty
        case .i2c: .i2c
        case .gpsd: .gpsd
        case .printerPort: .printer
        case .serial: .serial
        case .none: .none
        }
    }

    /// Whether the stand has this device at all.
    public var isConfigured: Bool { self != .none }

}
