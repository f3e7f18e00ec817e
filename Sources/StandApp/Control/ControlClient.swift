import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks standd's control socket one question (`GET /status`), as `standctl status` does.
public struct ControlClient: Sendable {
    public let socketPath: String
    /// How long to wait for standd to answer.
    public var timeoutSeconds = 5

    /// Why standd could not be asked, worded for the person at the shell.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// The status standd reports now.
    public func status() throws(Failure) -> StandStatus {
        let body = try get("/status")
        do { return try JSONDecoder().decode(StandStatus.self, from: Data(body)) } catch {
            throw Failure(description: "standd at \(socketPath) answered with a status this standctl cannot read (\(error)); are both from the same release?")
        }
    }

    /// The body of a `GET path` answered with 200.
    public func get(_ path: String) throws(Failure) -> [UInt8] {
        let fd = try connect()
        defer { close(fd) }
        ControlSocket.setTimeouts(fd, seconds: timeoutSeconds)
        ControlSocket.writeAll(fd, Array("GET \(path) HTTP/1.1\r\nHost: standd\r\n\r\n".utf8))
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw Failure(description: "standd at \(socketPath) did not answer within \(timeoutSeconds) s; see journalctl -u standd") }
            if count == 0 { break }
            answer += buffer[..<count]
        }
        guard let end = answer.indices.dropLast(3).first(where: { answer[$0...].starts(with: [13, 10, 13, 10]) }),
              let head = String(validating: answer[..<end], as: UTF8.self) else {
            throw Failure(description: "standd at \(socketPath) gave an answer that is not HTTP")
        }
        let statusLine = head.split(separator: "\r\n").first ?? ""
        guard statusLine.split(separator: " ").dropFirst().first == "200" else {
            throw Failure(description: "standd at \(socketPath) answered \(statusLine.split(separator: " ").dropFirst().joined(separator: " ")) to GET \(path)")
        }
        return Array(answer[(end + 4)...])
    }

    private func connect() throws(Failure) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard socketPath.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw Failure(description: "\(socketPath) is too long for a unix socket path")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: socketPath.utf8)
            raw[socketPath.utf8.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: Self.unreachable(socketPath, errno: code))
        }
        return fd
    }

    static func unreachable(_ path: String, errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM:
            "cannot reach standd at \(path): permission denied — add yourself to the stand group (sudo adduser $USER stand, then log in again)"
        case ENOENT, ECONNREFUSED:
            "cannot reach standd at \(path): standd is not running (start it with systemctl start standd) or uses another --control-socket"
        default:
            "cannot reach standd at \(path): \(String(cString: strerror(code)))"
        }
    }
}
