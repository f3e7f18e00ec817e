import Foundation
import StandDrivers

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
        let connection = try connect()
        defer { connection.close() }
        var answer: [UInt8] = []
        do {
            try connection.setTimeouts(seconds: timeoutSeconds)
            try connection.writeAll(Array("GET \(path) HTTP/1.1\r\nHost: standd\r\n\r\n".utf8))
            while case let bytes = try connection.read(maxCount: 16_384), !bytes.isEmpty {
                answer += bytes
            }
        } catch where error.meansTimedOut {
            throw Failure(description: "standd at \(socketPath) did not answer within \(timeoutSeconds) s; see journalctl -u standd")
        } catch {
            throw Failure(description: "standd at \(socketPath) broke off the answer: \(error.reason); see journalctl -u standd")
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

    private func connect() throws(Failure) -> StreamConnection {
        do {
            return try StreamConnection.connect(unixSocket: socketPath)
        } catch {
            throw Failure(description: Self.unreachable(socketPath, error))
        }
    }

    static func unreachable(_ path: String, _ error: SocketError) -> String {
        switch error {
        case .system(let failure) where failure.meansPermissionDenied:
            "cannot reach standd at \(path): permission denied — add yourself to the stand group (sudo adduser $USER stand, then log in again)"
        case .system(let failure) where failure.meansNobodyListening:
            "cannot reach standd at \(path): standd is not running (start it with systemctl start standd) or uses another --control-socket"
        case .system(let failure):
            "cannot reach standd at \(path): \(failure.reason)"
        default:
            "cannot reach standd at \(path): \(error)"
        }
    }
}
