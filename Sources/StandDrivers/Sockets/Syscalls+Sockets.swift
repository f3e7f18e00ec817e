#if canImport(Glibc)
import Glibc
#endif

/// The calls of listening sockets, their socket files and datagrams, through the same seam as
/// every other syscall (EINTR retried, failures naming the call and the path).
extension Syscalls {
    static func bind(_ fd: Int32, path: String, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) throws(SystemCallError) {
        try retrying("bind", path) { Glibc.bind(fd, address, length) }
    }

    static func listen(_ fd: Int32, path: String, backlog: Int32) throws(SystemCallError) {
        try retrying("listen", path) { Glibc.listen(fd, backlog) }
    }

    /// A waiting connection, made close-on-exec (Glibc's module has no accept4).
    static func accept(_ fd: Int32, path: String) throws(SystemCallError) -> Int32 {
        let connection = try retrying("accept", path) { Glibc.accept(fd, nil, nil) }
        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
        return connection
    }

    /// Ends both directions: a thread waiting on the socket wakes up.
    static func shutdown(_ fd: Int32, path: String) throws(SystemCallError) {
        try retrying("shutdown", path) { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
    }

    static func sendto(_ fd: Int32, path: String, _ buffer: UnsafeRawBufferPointer,
                       _ address: UnsafePointer<sockaddr>, _ length: socklen_t) throws(SystemCallError) -> Int {
        try retrying("sendto", path) { Glibc.sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), address, length) }
    }

    /// SO_RCVTIMEO or SO_SNDTIMEO: a blocking read or send fails with EAGAIN after `seconds`.
    static func setTimeout(_ fd: Int32, path: String, _ option: Int32, seconds: Int) throws(SystemCallError) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        try retrying("setsockopt", path) { Glibc.setsockopt(fd, SOL_SOCKET, option, &timeout, socklen_t(MemoryLayout<timeval>.size)) }
    }

    static func chmod(_ path: String, _ mode: mode_t) throws(SystemCallError) {
        try retrying("chmod", path) { Glibc.chmod(path, mode) }
    }

    /// Gives the file to `group`, leaving its owner.
    static func chown(_ path: String, group: gid_t) throws(SystemCallError) {
        try retrying("chown", path) { Glibc.chown(path, uid_t.max, group) }
    }

    static func unlink(_ path: String) throws(SystemCallError) {
        try retrying("unlink", path) { Glibc.unlink(path) }
    }

    /// The file's own status, not its link target's; nil when there is no such file.
    static func lstat(_ path: String) throws(SystemCallError) -> stat? {
        var info = stat()
        do { try retrying("lstat", path) { Glibc.lstat(path, &info) } } catch where error.errno == ENOENT { return nil }
        return info
    }
}
