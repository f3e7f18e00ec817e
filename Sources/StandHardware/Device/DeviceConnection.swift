/// How a device is reached.
public enum DeviceConnection: Hashable, Sendable, Codable, CustomStringConvertible {
    /// USB by vendor and product id (and serial number when several are plugged in).
    case usb(vendorID: UInt16, productID: UInt16, serial: String?)
    /// A device file: `/dev/usb/lp0`, `/dev/input/by-id/…`, `/dev/ttyUSB0`, `/dev/video0`, `/dev/i2c-1`.
    case file(path: String)
    /// A serial line at a baud rate.
    case serial(path: String, baudRate: Int)
    /// A TCP peer: a network receipt printer on 9100, gpsd on 2947, a ZVT terminal on 20007.
    case tcp(host: String, port: Int)
    /// GPIO lines of a chip, by offset.
    case gpio(chip: String, lines: [Int])
    /// A simulated device inside the process.
    case virtual(name: String)

    public var description: String {
        switch self {
        case .usb(let vendor, let product, let serial):
            "usb:\(Self.hex(vendor)):\(Self.hex(product))" + (serial.map { "/\($0)" } ?? "")
        case .file(let path): path
        case .serial(let path, let baud): "\(path)@\(baud)"
        case .tcp(let host, let port): "\(host):\(port)"
        case .gpio(let chip, let lines): "\(chip):\(lines.map(String.init).joined(separator: ","))"
        case .virtual(let name): "virtual:\(name)"
        }
    }

    private static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// Which device this is: its kind, its model and where it is connected.
public struct DeviceIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    public let kind: DeviceKind
    /// "Epson TM-T20III", "virtual printer".
    public let model: String
    public let connection: DeviceConnection

    public init(kind: DeviceKind, model: String, connection: DeviceConnection) {
        self.kind = kind
        self.model = model
        self.connection = connection
    }

    public var description: String { "\(kind) \(model) (\(connection))" }
}
