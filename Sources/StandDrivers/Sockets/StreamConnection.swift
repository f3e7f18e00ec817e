#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One connected stream socket (accepted by a ``ListeningSocket``, or connected to a unix
/// socket), owned until `close()` or deinit. Reads and writes block, for at most the timeouts
/// set with `setTimeouts(seconds:)`; sends never raise SIGPIPE.
public final class StreamConnection: Sendable {
    /// The socket's path or "host:port", for errors.
    public let name: String
    private let descriptor: Mutex<Int32?>

    init(adopting fd: Int32, name: String) {
        self.name = name
        descriptor = Mutex(fd)
    }

    deinit { close() }

    /// Connects to the unix stream socket at `path`.
    public static func connect(unixSocket path: String) throws(SocketError) -> StreamConnection {
        let address = try UnixSocketAddress(path: path)
        do throws(SystemCallError) {
            let connection = StreamConnection(adopting: try address.socket(SOCK_STREAM), name: path)
            try address.connect(try connection.fd("connect"))
            return connection
        } catch {
            throw .system(error)
        }
    }

    /// A read or send that waits longer than `seconds` fails with a timeout (`meansTimedOut`).
    public func setTimeouts(seconds: Int) throws(SystemCallError) {
        let fd = try fd("setsockopt")
        try Syscalls.setTimeout(fd, path: name, SO_RCVTIMEO, seconds: seconds)
        try Syscalls.setTimeout(fd, path: name, SO_SNDTIMEO, seconds: seconds)
    }

    /// The next bytes that arrive, at most `maxCount`; empty when the peer has finished sending.
    public func read(maxCount: Int) throws(SystemCallError) -> [UInt8] {
        let fd = try fd("recv")
        var bytes = [UInt8](repeating: 0, count: maxCount)
        let count = try bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemCallError) in try Syscalls.recv(fd, path: name, into: buffer) }
        }.get()
        return Array(bytes.prefix(count))
    }

    /// Sends every byte, continuing after short sends.
    public func writeAll(_ bytes: [UInt8]) throws(SystemCallError) {
        let fd = try fd("send")
        var offset = 0
        while offset < bytes.count {
            offset += try bytes[offset...].withUnsafeBytes { chunk in
                Result { () throws(SystemCallError) in try Syscalls.send(fd, path: name, chunk) }
            }.get()
        }
    }

    /// Closes the socket; later calls do nothing.
    public func close() {
        if let fd = descriptor.withLock({ value -> Int32? in defer { value = nil }; return value }) {
            Syscalls.close(fd)
        }
    }

    private func fd(_ call: String) throws(SystemCallError) -> Int32 {
        guard let fd = descriptor.withLock({ $0 }) else { throw SystemCallError(call: call, path: name, errno: EBADF) }
        return fd
    }
}
