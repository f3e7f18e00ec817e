#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A device node or sysfs file held open by the far side of a simulated device (the printer
/// gadget, uinput, a gpio-sim line's value, the loopback camera). Each call is retried once on
/// EINTR and fails with a ``KernelDeviceError`` naming the call and the path. The descriptor is
/// closed once, by `close()` or when the last reference goes; a call after that fails with EBADF
/// (whoever runs a thread on the file stops that thread before closing it, so that no call can
/// reach a descriptor number reused since).
public final class KernelDeviceFile: Sendable {
    public let path: String
    public let descriptor: Int32
    private let closed = Atomic<Bool>(false)

    /// Opens `path` close-on-exec, so that no process a test spawns inherits the device.
    public init(path: String, flags: Int32) throws(KernelDeviceError) {
        self.path = path
        descriptor = Int32(try Self.call("open", path) { Int(Glibc.open(path, flags | O_CLOEXEC)) })
    }

    deinit {
        close()
    }

    public func close() {
        if !closed.exchange(true, ordering: .acquiringAndReleasing) { _ = Glibc.close(descriptor) }
    }

    /// What is there now, up to `count` bytes; empty when a non-blocking file has nothing.
    public func read(upTo count: Int) throws(KernelDeviceError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let got: Int
        do throws(KernelDeviceError) {
            got = try call("read") { buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) } }
        } catch where error.errno == EAGAIN {
            return []
        }
        return Array(buffer.prefix(got))
    }

    /// The file's text from its start (a sysfs attribute, read again each time).
    public func readFromStart() throws(KernelDeviceError) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let got = try call("pread") { buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) } }
        return String(decoding: buffer.prefix(got), as: UTF8.self)
    }

    /// Writes every byte, however many calls it takes.
    public func write(_ bytes: [UInt8]) throws(KernelDeviceError) {
        var offset = 0
        while offset < bytes.count {
            let written = try call("write") { bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } }
            guard written > 0 else { throw KernelDeviceError("write (nothing taken)", on: path, errno: EIO) }
            offset += written
        }
    }

    /// Whether the file has `events` (or an error or hang-up) within `milliseconds`.
    public func poll(_ events: Int16, milliseconds: Int32) -> Bool {
        guard !closed.load(ordering: .acquiring) else { return false }
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        return Glibc.poll(&entry, 1, milliseconds) > 0
    }

    /// An ioctl whose argument is a value, not a pointer.
    public func control(_ name: String, _ request: UInt, value: Int32) throws(KernelDeviceError) {
        _ = try call("ioctl(\(name))") { Int(ioctl(descriptor, request, value)) }
    }

    /// An ioctl on a structure laid out in `bytes`, which the kernel may fill in.
    public func control(_ name: String, _ request: UInt, bytes: inout [UInt8]) throws(KernelDeviceError) {
        _ = try call("ioctl(\(name))") { bytes.withUnsafeMutableBytes { Int(ioctl(descriptor, request, $0.baseAddress!)) } }
    }

    /// Writes `text` to a sysfs or configfs attribute in one call, as `echo` does.
    public static func write(_ text: String, to path: String) throws(KernelDeviceError) {
        try KernelDeviceFile(path: path, flags: O_WRONLY).write(Array(text.utf8))
    }

    /// A sysfs or configfs attribute's text, without its trailing newline.
    public static func text(of path: String) throws(KernelDeviceError) -> String {
        let text = try KernelDeviceFile(path: path, flags: O_RDONLY).readFromStart()
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    private func call(_ name: String, _ body: () -> Int) throws(KernelDeviceError) -> Int {
        guard !closed.load(ordering: .acquiring) else { throw KernelDeviceError("\(name) (the file was closed)", on: path, errno: EBADF) }
        return try Self.call(name, path, body)
    }

    /// Runs `body` (a call returning -1 and setting errno on failure), again once on EINTR.
    private static func call(_ name: String, _ path: String, _ body: () -> Int) throws(KernelDeviceError) -> Int {
        var result = body()
        if result < 0, errno == EINTR { result = body() }
        guard result >= 0 else { throw KernelDeviceError(name, on: path, errno: errno) }
        return result
    }
}
