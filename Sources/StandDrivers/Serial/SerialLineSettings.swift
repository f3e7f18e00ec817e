#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// How the stand talks to a card terminal on a serial line: always 8 data bits, no flow control.
/// The defaults are 9600 8N1; many ZVT terminals ship set to 9600 8N2, so the stop bits (like the
/// speed and parity) are a setting that must match the terminal's own.
public struct SerialLineSettings: Hashable, Sendable {
    public enum Parity: String, Hashable, Sendable, CaseIterable {
        case none, even, odd
    }

    public enum StopBits: Int, Hashable, Sendable, CaseIterable {
        case one = 1
        case two = 2
    }

    /// The device: /dev/ttyUSB0, /dev/ttyACM0, or a /dev/serial/by-id/… link, which keeps its
    /// name when a USB-serial adapter is plugged in again.
    public var path: String
    /// One of `supportedBaudRates`.
    public var baudRate: Int
    public var parity: Parity
    public var stopBits: StopBits

    public init(path: String, baudRate: Int = 9600, parity: Parity = .none, stopBits: StopBits = .one) {
        self.path = path
        self.baudRate = baudRate
        self.parity = parity
        self.stopBits = stopBits
    }

    public static let supportedBaudRates = speeds.keys.sorted()

    private static let speeds: [Int: speed_t] = [
        1200: speed_t(B1200), 2400: speed_t(B2400), 4800: speed_t(B4800), 9600: speed_t(B9600), 19_200: speed_t(B19200),
        38_400: speed_t(B38400), 57_600: speed_t(B57600), 115_200: speed_t(B115200), 230_400: speed_t(B230400),
    ]

    /// The termios speed of `baudRate`.
    func speed() throws(DeviceError) -> speed_t {
        guard let speed = Self.speeds[baudRate] else {
            throw DeviceError(code: .invalidInput, summary: "The card terminal's baud rate \(baudRate) is not one a serial port runs at.",
                              action: "Set the terminal's own rate, one of \(Self.supportedBaudRates.map(String.init).joined(separator: ", ")) (usually 9600 or 115200).")
        }
        return speed
    }

    /// Bits on the wire for each byte: start bit, 8 data bits, parity bit, stop bits.
    var bitsPerByte: Int { 1 + 8 + (parity == .none ? 0 : 1) + stopBits.rawValue }

    /// Turns `settings` into a raw line with this framing at `speed`: no echo, no line editing, no
    /// signal characters, no CR/NL translation, no software or hardware flow control, modem
    /// control lines ignored (CLOCAL), receiver on, and reads that return at once (VMIN 0, VTIME
    /// 0; poll does the waiting). A byte with a parity error is dropped; the card protocol's
    /// checksum then rejects its frame.
    func configure(_ settings: inout termios, speed: speed_t) {
        cfmakeraw(&settings)
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY | INPCK | IGNPAR)
        settings.c_cflag &= ~(tcflag_t(CSIZE | PARENB | PARODD | CSTOPB) | tcflag_t(CRTSCTS))
        settings.c_cflag |= tcflag_t(CS8 | CLOCAL | CREAD)
        switch parity {
        case .none: break
        case .even: settings.c_cflag |= tcflag_t(PARENB)
        case .odd: settings.c_cflag |= tcflag_t(PARENB | PARODD)
        }
        if parity != .none { settings.c_iflag |= tcflag_t(INPCK | IGNPAR) }
        if stopBits == .two { settings.c_cflag |= tcflag_t(CSTOPB) }
        withUnsafeMutableBytes(of: &settings.c_cc) { characters in
            characters[Int(VMIN)] = 0
            characters[Int(VTIME)] = 0
        }
        cfsetispeed(&settings, speed)
        cfsetospeed(&settings, speed)
    }
}
