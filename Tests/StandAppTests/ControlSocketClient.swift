import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A raw HTTP exchange with the control server, for answers `ControlClient` does not accept
/// (404, 400) and for the TCP metrics listener.
enum ControlSocketClient {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Runs blocking socket calls on a thread of their own: on the cooperative pool (two threads
    /// on a two-core machine) they could starve the task that reads the status they wait for.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Sends `request` as is over the unix socket at `path`; returns the whole answer.
    static func exchange(unix path: String, _ request: String) throws -> String {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return try talk(fd, connected: connected == 0, request, to: path)
    }

    /// Sends `request` to 127.0.0.1:`port`.
    static func exchange(port: UInt16, _ request: String) throws -> String {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return try talk(fd, connected: connected == 0, request, to: "127.0.0.1:\(port)")
    }

    private static func talk(_ fd: Int32, connected: Bool, _ request: String, to target: String) throws -> String {
        defer { close(fd) }
        guard connected else { throw Failure(description: "cannot connect to \(target): \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// Forks a child that becomes `user` with `group` as its only group and connects to the
    /// socket at `path`: 0 when it connected, else the errno of its connect.
    static func connectAs(user: String, group: String, to path: String) throws -> Int32 {
        guard let account = getpwnam(user), let entry = getgrnam(group) else { throw Failure(description: "no user \(user) or group \(group)") }
        let uid = account.pointee.pw_uid, gid = entry.pointee.gr_gid
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        // Only async-signal-safe calls in the child: it is a copy of a threaded process.
        let child = fork()
        if child == 0 {
            var groups = [gid]
            guard setgroups(1, &groups) == 0, setgid(gid) == 0, setuid(uid) == 0 else { _exit(100) }
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            _exit(result == 0 ? 0 : errno)
        }
        guard child > 0 else { throw Failure(description: "fork failed: \(String(cString: strerror(errno)))") }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        let code = (status >> 8) & 0xff
        if code == 100 { throw Failure(description: "the child could not become \(user):\(group)") }
        return code
    }
}
