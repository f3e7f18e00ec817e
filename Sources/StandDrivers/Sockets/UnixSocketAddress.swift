#if canImport(Glibc)
import Glibc
#endif

/// A unix socket's address: a path in the file system, or a name in Linux's abstract namespace
/// (written `@name`, stored with a leading zero byte and counted exactly).
struct UnixSocketAddress: Sendable {
    let name: String
    private var storage = sockaddr_un()
    private let length: socklen_t

    /// A file system path; throws when it does not fit.
    init(path: String) throws(SocketError) {
        try self.init(name: path, bytes: Array(path.utf8) + [0])
    }

    /// `/path` or `@abstract`, as `$NOTIFY_SOCKET` names them.
    init(pathOrAbstractName name: String) throws(SocketError) {
        var bytes = Array(name.utf8)
        if bytes.first == UInt8(ascii: "@"), bytes.count > 1 {
            bytes[0] = 0
        } else if bytes.first == UInt8(ascii: "/") {
            bytes.append(0)
        } else {
            throw .notAnAddress(name)
        }
        try self.init(name: name, bytes: bytes)
    }

    private init(name: String, bytes: [UInt8]) throws(SocketError) {
        self.name = name
        guard bytes.count <= MemoryLayout.size(ofValue: storage.sun_path) else { throw .pathTooLong(name) }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: bytes) }
        length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count)
    }

    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemCallError) -> T) throws(SystemCallError) -> T {
        var storage = storage
        return try withUnsafePointer(to: &storage) { pointer throws(SystemCallError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemCallError) in
                try body(address, length)
            }
        }
    }

    /// A new unix socket of `type` (SOCK_STREAM, SOCK_DGRAM), close-on-exec.
    func socket(_ type: __socket_type) throws(SystemCallError) -> Int32 {
        try Syscalls.socket(AF_UNIX, Int32(type.rawValue) | Int32(SOCK_CLOEXEC.rawValue), path: name)
    }

    /// Connects `fd` to this address.
    func connect(_ fd: Int32) throws(SystemCallError) {
        try withSocketAddress { address, length throws(SystemCallError) in try Syscalls.connect(fd, path: name, address, length) }
    }
}
