#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An open `/dev/input/event*` file (or any readable file standing in for one): owns the file
/// descriptor from a successful open until `close()` or deinit, whichever comes first.
final class InputDeviceFile: Sendable {
    /// EVIOCGRAB = _IOW('E', 0x90, int).
    static let grabRequest: UInt = 0x4004_4590

    /// EVIOCSCLOCKID = _IOW('E', 0xa0, int).
    static let clockRequest: UInt = 0x4004_45A0

    /// EVIOCGNAME(len) = _IOC(_IOC_READ, 'E', 0x06, len).
    static func nameRequest(length: Int) -> UInt {
        (2 << 30) | (UInt(length) << 16) | (0x45 << 8) | 0x06
    }

    let path: String
    private let descriptor: Mutex<Int32?>

    /// Opens `path` read-only and non-blocking.
    init(path: String) throws(SystemCallError) {
        self.path = path
        let fd = try Syscalls.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        descriptor = Mutex(fd)
    }

    deinit { close() }

    /// Closes the descriptor; later calls do nothing.
    func close() {
        if let fd = descriptor.withLock({ value -> Int32? in defer { value = nil }; return value }) {
            Syscalls.close(fd)
        }
    }

    private func fd(_ call: String) throws(SystemCallError) -> Int32 {
        guard let fd = descriptor.withLock({ $0 }) else { throw SystemCallError(call: call, path: path, errno: EBADF) }
        return fd
    }

    /// Takes the device exclusively (or gives it back): other readers, the console included,
    /// stop seeing its keys.
    func grab(_ exclusive: Bool) throws(SystemCallError) {
        try Syscalls.ioctl(try fd("ioctl(EVIOCGRAB)"), path: path, "EVIOCGRAB", Self.grabRequest, value: exclusive ? 1 : 0)
    }

    /// Stamps events with CLOCK_MONOTONIC instead of the wall clock (EVIOCSCLOCKID).
    func useMonotonicClock() throws(SystemCallError) {
        let fd = try fd("ioctl(EVIOCSCLOCKID)")
        let clock = UnsafeMutableRawPointer.allocate(byteCount: 4, alignment: 4)
        defer { clock.deallocate() }
        clock.storeBytes(of: Int32(CLOCK_MONOTONIC), as: Int32.self)
        try Syscalls.ioctl(fd, path: path, "EVIOCSCLOCKID", Self.clockRequest, pointer: clock)
    }

    /// The name the device reports ("Logitech USB Numeric Keypad").
    func deviceName() throws(SystemCallError) -> String {
        let fd = try fd("ioctl(EVIOCGNAME)")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 1)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        try Syscalls.ioctl(fd, path: path, "EVIOCGNAME", Self.nameRequest(length: buffer.count), pointer: buffer.baseAddress!)
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Waits up to `milliseconds` for input; returns poll's revents (0 on timeout).
    func wait(milliseconds: Int32) throws(SystemCallError) -> Int16 {
        try Syscalls.poll(try fd("poll"), path: path, events: Int16(POLLIN), milliseconds: milliseconds)
    }

    /// Reads what is there, up to `limit` bytes; an empty result is the end of the file.
    func read(upTo limit: Int) throws(SystemCallError) -> [UInt8] {
        let fd = try fd("read")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: limit, alignment: 1)
        defer { buffer.deallocate() }
        let count = try Syscalls.read(fd, path: path, into: buffer)
        return Array(buffer.prefix(count))
    }
}
