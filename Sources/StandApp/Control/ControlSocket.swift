import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The system calls under ``ControlServer``: listening sockets made close-on-exec, the unix
/// one with its file's mode and group set before it listens, so no one outside the group can
/// connect even for a moment.
enum ControlSocket {
    static func listenUnix(path: String, group: String?) throws(ControlError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { throw .pathTooLong(path) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let gid = try groupID(group)
        try removeStale(path, address: address)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket", path) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw closing(fd, failure("bind", path)) }
        guard chmod(path, 0o660) == 0 else { throw closing(fd, failure("chmod", path), removing: path) }
        if let gid, chown(path, uid_t.max, gid) != 0 { throw closing(fd, failure("chown", path), removing: path) }
        guard listen(fd, 16) == 0 else { throw closing(fd, failure("listen", path), removing: path) }
        return fd
    }

    static func listenTCP(_ address: MetricsAddress) throws(ControlError) -> Int32 {
        let family = address.isIPv6 ? AF_INET6 : AF_INET
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket", "\(address)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if address.isIPv6 {
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = address.port.bigEndian
            inet_pton(AF_INET6, address.host, &socketAddress.sin6_addr)
            bound = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = address.port.bigEndian
            inet_pton(AF_INET, address.host, &socketAddress.sin_addr)
            bound = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard bound == 0 else { throw closing(fd, failure("bind", "\(address)")) }
        guard listen(fd, 16) == 0 else { throw closing(fd, failure("listen", "\(address)")) }
        return fd
    }

    /// A socket file left by a standd that died is removed; one another process answers on is not.
    private static func removeStale(_ path: String, address: sockaddr_un) throws(ControlError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path) }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = address
        let answered = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
        Glibc.close(probe)
        if answered { throw .inUse(path) }
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("unlink", path) }
    }

    /// The group's id, or nil to leave the socket's group alone. Root may give the socket to any
    /// group; anyone else only to a group they are in.
    private static func groupID(_ name: String?) throws(ControlError) -> gid_t? {
        guard let name else { return nil }
        guard let entry = getgrnam(name) else { throw .unknownGroup(name) }
        let gid = entry.pointee.gr_gid
        if geteuid() == 0 || getegid() == gid { return gid }
        var groups = [gid_t](repeating: 0, count: Int(getgroups(0, nil)))
        let count = getgroups(Int32(groups.count), &groups)
        return groups.prefix(Int(max(count, 0))).contains(gid) ? gid : nil
    }

    /// A connection, close-on-exec (Glibc's module has no accept4); -1 when none is waiting.
    static func accept(_ listener: Int32) -> Int32 {
        let fd = Glibc.accept(listener, nil, nil)
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fd
    }

    static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0 && entry.revents & Int16(POLLIN) != 0
    }

    static func setTimeouts(_ fd: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes everything unless the peer goes away or the send timeout passes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    static func close(_ fd: Int32, removing path: String?) {
        Glibc.close(fd)
        if let path { unlink(path) }
    }

    private static func failure(_ call: String, _ target: String) -> ControlError {
        .system(call: call, target: target, reason: String(cString: strerror(errno)))
    }

    private static func closing(_ fd: Int32, _ error: ControlError, removing path: String? = nil) -> ControlError {
        close(fd, removing: path)
        return error
    }
}
