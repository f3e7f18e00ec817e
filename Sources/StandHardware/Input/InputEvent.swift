/// One Linux evdev record (`struct input_event` on a 64-bit kernel): a 16-byte timeval
/// (seconds, microseconds), then type, code and value, little-endian, 24 bytes in all.
public struct InputEvent: Hashable, Sendable, Codable {
    /// The size of one record on the wire.
    public static let byteCount = 24

    /// EV_SYN: the end of one report.
    public static let synchronization: UInt16 = 0x00
    /// EV_KEY: a key or button went down, up or repeats.
    public static let key: UInt16 = 0x01

    public let seconds: Int64
    public let microseconds: Int64
    public let type: UInt16
    public let code: UInt16
    public let value: Int32

    public init(seconds: Int64 = 0, microseconds: Int64 = 0, type: UInt16, code: UInt16, value: Int32) {
        self.seconds = seconds
        self.microseconds = microseconds
        self.type = type
        self.code = code
        self.value = value
    }

    /// Decodes one record from exactly `byteCount` bytes; nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        let raw = Array(bytes)
        guard raw.count == Self.byteCount else { return nil }
        func little(_ offset: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(UInt64(0)) { $0 | UInt64(raw[offset + $1]) << (8 * UInt64($1)) }
        }
        seconds = Int64(bitPattern: little(0, 8))
        microseconds = Int64(bitPattern: little(8, 8))
        type = UInt16(little(16, 2))
        code = UInt16(little(18, 2))
        value = Int32(bitPattern: UInt32(little(20, 4)))
    }

    /// The record as the kernel writes it.
    public var bytes: [UInt8] {
        func little<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
            (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        return little(seconds) + little(microseconds) + little(type) + little(code) + little(value)
    }

    /// The event's time in milliseconds (the kernel's clock, monotonic or realtime as configured).
    public var timestampMilliseconds: UInt64 {
        UInt64(max(0, seconds)) &* 1000 &+ UInt64(max(0, microseconds)) / 1000
    }

    /// What an EV_KEY record means; nil for other types.
    public var keyAction: KeyAction? {
        guard type == Self.key else { return nil }
        switch value {
        case 0: return .release
        case 1: return .press
        case 2: return .autorepeat
        default: return nil
        }
    }

    /// The three values of an EV_KEY record.
    public enum KeyAction: Hashable, Sendable, Codable {
        case release
        case press
        case autorepeat
    }
}
