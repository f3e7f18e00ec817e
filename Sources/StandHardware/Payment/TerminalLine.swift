/// The byte pipe between the stand and its card terminal: a serial line (termios) or a TCP
/// connection. The card protocol (ZVT) runs on top of it; drivers in StandDrivers provide it.
public protocol TerminalLine: AnyObject, Sendable {
    /// Whether the protocol above must frame its messages itself (DLE STX … DLE ETX, CRC, ACK):
    /// true for a serial line, false for TCP, where messages travel bare.
    var needsFraming: Bool { get }
    /// Connects (opens the serial device, connects the socket). Throws a worded `DeviceError`.
    func open() async throws(DeviceError)
    /// Writes every byte, or throws (`.disconnected` when the line is gone, `.timeout`).
    func write(_ bytes: [UInt8]) async throws(DeviceError)
    /// The bytes that arrive within `timeout`, at most `maxCount`; empty when none came in time.
    /// Returns as soon as at least one byte is there.
    func read(maxCount: Int, timeout: Duration) async throws(DeviceError) -> [UInt8]
    /// Drops whatever was received and not yet read (stray bytes before a new command).
    func discardInput() async
    /// Closes the line; idempotent. A later `open()` connects again (after an unplug).
    func close() async
}
