#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An open device file the stand writes to (a console TTY, an I²C bus): owns the descriptor from
/// a successful open until `close()` or deinit, whichever comes first.
final class OutputDeviceFile: Sendable {
    let path: String
    private let descriptor: Mutex<Int32?>

    init(path: String, flags: Int32) throws(SystemCallError) {
        self.path = path
        let fd = try Syscalls.open(path, flags | O_CLOEXEC)
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

    /// Writes all of `bytes`, continuing after short writes.
    func write(_ bytes: [UInt8]) throws(SystemCallError) {
        let fd = try fd("write")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: bytes)
        var offset = 0
        while offset < bytes.count {
            offset += try Syscalls.write(fd, path: path, UnsafeRawBufferPointer(rebasing: buffer[offset..<bytes.count]))
        }
    }

    /// An ioctl with a value argument (I2C_SLAVE with the address).
    func control(_ name: String, _ request: UInt, value: Int32) throws(SystemCallError) {
        try Syscalls.ioctl(try fd("ioctl(\(name))"), path: path, name, request, value: value)
    }
}
