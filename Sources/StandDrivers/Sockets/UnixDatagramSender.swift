#if canImport(Glibc)
import Glibc
#endif

/// Sends datagrams to one unix datagram socket (a path, or an `@name` in the abstract
/// namespace), as systemd's `$NOTIFY_SOCKET` takes them. Owns its socket until deinit.
public final class UnixDatagramSender: Sendable {
    public let address: String
    private let target: UnixSocketAddress
    private let fd: Int32

    /// `address` is `/path` or `@abstract`.
    public init(address: String) throws(SocketError) {
        target = try UnixSocketAddress(pathOrAbstractName: address)
        do { fd = try target.socket(SOCK_DGRAM) } catch { throw .system(error) }
        self.address = address
    }

    deinit { Syscalls.close(fd) }

    /// Sends `bytes` as one datagram.
    public func send(_ bytes: [UInt8]) throws(SystemCallError) {
        let fd = fd, name = address
        _ = try target.withSocketAddress { pointer, length throws(SystemCallError) in
            try bytes.withUnsafeBytes { payload in
                Result { () throws(SystemCallError) in try Syscalls.sendto(fd, path: name, payload, pointer, length) }
            }.get()
        }
    }
}
