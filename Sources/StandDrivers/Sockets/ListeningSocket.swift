#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A listening stream socket, close-on-exec, owned until `close()` or deinit: a unix socket
/// whose file gets mode 0660 and its group before it listens (so no one outside the group can
/// connect even for a moment) and is removed on close, or a TCP socket on one address.
public final class ListeningSocket: Sendable {
    /// The socket's path or "host:port", for errors.
    public let name: String
    /// The socket file `close()` removes.
    private let file: String?
    private let descriptor: Mutex<Int32?>

    private init(adopting fd: Int32, name: String, file: String?) {
        self.name = name
        self.file = file
        descriptor = Mutex(fd)
    }

    deinit { close() }

    /// Listens on the unix socket `path`, replacing a stale socket file (one nothing answers
    /// on), given to `group` when the process may (nil leaves the process's group).
    public static func unix(path: String, group: String?) throws(SocketError) -> ListeningSocket {
        let address = try UnixSocketAddress(path: path)
        var gid: gid_t?
        if let group { gid = try UnixGroup.assignableID(group) }
        try removeStale(address)
        do throws(SystemCallError) {
            let fd = try address.socket(SOCK_STREAM)
            do {
                try address.withSocketAddress { pointer, length throws(SystemCallError) in try Syscalls.bind(fd, path: path, pointer, length) }
            } catch {
                Syscalls.close(fd)
                throw error
            }
            // Bound: the file is this socket's now, removed with it if anything below fails.
            let socket = ListeningSocket(adopting: fd, name: path, file: path)
            try Syscalls.chmod(path, 0o660)
            if let gid { try Syscalls.chown(path, group: gid) }
            try Syscalls.listen(fd, path: path, backlog: 16)
            return socket
        } catch {
            throw .system(error)
        }
    }

    /// Listens on TCP at `host` (an IPv4 or IPv6 literal) and `port`.
    public static func tcp(host: String, port: UInt16) throws(SocketError) -> ListeningSocket {
        let name = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        do throws(SystemCallError) {
            let address = try TCPSocketAddress(host: host, port: port, name: name)
            let socket = ListeningSocket(adopting: try Syscalls.socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), path: name),
                                         name: name, file: nil)
            let fd = try socket.fd("bind")
            try Syscalls.setsockopt(fd, path: name, SOL_SOCKET, SO_REUSEADDR, 1)
            try address.withSocketAddress { pointer, length throws(SystemCallError) in try Syscalls.bind(fd, path: name, pointer, length) }
            try Syscalls.listen(fd, path: name, backlog: 16)
            return socket
        } catch {
            throw .system(error)
        }
    }

    /// The next connection, waiting up to `milliseconds` for one; nil when none came or the
    /// socket was shut down or closed meanwhile.
    public func accept(waitingMilliseconds milliseconds: Int32) throws(SystemCallError) -> StreamConnection? {
        guard let fd = descriptor.withLock({ $0 }) else { return nil }
        let ready = try Syscalls.poll(fd, path: name, events: Int16(POLLIN), milliseconds: milliseconds)
        guard ready & Int16(POLLIN) != 0 else { return nil }
        do {
            return StreamConnection(adopting: try Syscalls.accept(fd, path: name), name: name)
        } catch where error.errno == EAGAIN || error.errno == ECONNABORTED || error.errno == EINVAL {
            return nil
        }
    }

    /// Stops listening, waking a thread waiting in `accept`; `close()` still releases the socket.
    public func shutdown() {
        if let fd = descriptor.withLock({ $0 }) { try? Syscalls.shutdown(fd, path: name) }
    }

    /// Closes the socket and removes its file; later calls do nothing.
    public func close() {
        guard let fd = release() else { return }
        Syscalls.close(fd)
        if let file { try? Syscalls.unlink(file) }
    }

    private func release() -> Int32? {
        descriptor.withLock { value -> Int32? in defer { value = nil }; return value }
    }

    private func fd(_ call: String) throws(SystemCallError) -> Int32 {
        guard let fd = descriptor.withLock({ $0 }) else { throw SystemCallError(call: call, path: name, errno: EBADF) }
        return fd
    }

    /// A socket file left by a process that died is removed; one another process answers on is not.
    private static func removeStale(_ address: UnixSocketAddress) throws(SocketError) {
        let path = address.name
        let info: stat?
        do { info = try Syscalls.lstat(path) } catch { throw .system(error) }
        guard let info else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path) }
        let probe: Int32
        do { probe = try address.socket(SOCK_STREAM) } catch { throw .system(error) }
        let answered = (try? address.connect(probe)) != nil
        Syscalls.close(probe)
        if answered { throw .inUse(path) }
        do { try Syscalls.unlink(path) } catch {
            if error.errno != ENOENT { throw .system(error) }
        }
    }
}
