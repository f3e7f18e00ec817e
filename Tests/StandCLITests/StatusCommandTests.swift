import Foundation
import Logging
import Prometheus
import StandApp
import Testing

/// `standctl status` against a control server in this process, as it would read standd's.
@Suite(.serialized) struct StatusCommandTests {
    static let status = StandStatus(
        version: StandVersion.current, standID: "berlin-alex-01", uptimeSeconds: 3725,
        devices: [.init(kind: "printer", status: "out of paper", state: "enabled", configured: true, up: false, failures: 0),
                  .init(kind: "card-terminal", status: "not connected", state: "disconnected", configured: true, up: false, failures: 3),
                  .init(kind: "scanner", status: "not configured", state: nil, configured: false, up: false, failures: 0)],
        printQueue: .init(pending: 2), sync: .init(waiting: 14), openCardAttempts: 1,
        storage: .init(dataDirectory: "/var/lib/standkit", storeBytes: 5_242_880, freeBytes: 2_147_483_648))

    /// A server answering `status` on a fresh socket in a directory anyone may search.
    static func withServer(_ body: (String) async throws -> Void) async throws {
        let directory = "/tmp/standctl-status-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let path = directory + "/control.sock"
        let server = ControlServer(socketPath: path, group: nil, registry: PrometheusCollectorRegistry(), logger: Logger(label: "standkit.control.test")) {
            StatusCommandTests.status
        }
        try server.start()
        do { try await body(path) } catch {
            server.stop()
            throw error
        }
        server.stop()
    }

    /// Runs standctl (as `user` when given) on a thread of its own, so the pool stays free to answer.
    static func standctl(_ arguments: [String], as user: String? = nil) async throws -> StandCtlRunner.Result {
        let binary = try StandCtlRunner.binary
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    let process = Process()
                    if let user {
                        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
                        process.arguments = ["--reuid=\(user)", "--regid=nogroup", "--clear-groups", binary.path] + arguments
                    } else {
                        process.executableURL = binary
                        process.arguments = arguments
                    }
                    return try StandCtlRunner.capture(process)
                })
            }.start()
        }
    }

    @Test func printsTheStatusForAPerson() async throws {
        try await Self.withServer { path in
            let result = try await Self.standctl(["status", "--socket", path, "--timeout", "60"])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "standd \(StandVersion.current) · stand berlin-alex-01 · up 1 h 2 min")
            #expect(lines.contains("  printer: out of paper"))
            #expect(lines.contains("  card-terminal: not connected (3 failed attempts)"))
            #expect(lines.contains("print queue: 2 waiting"))
            #expect(lines.contains("sync: 14 waiting to sync"))
            #expect(lines.contains("card payments open: 1"))
            #expect(lines.contains("data: /var/lib/standkit · store 5.0 MiB · 2.0 GiB free"))
        }
    }

    @Test func printsTheStatusAsJSON() async throws {
        try await Self.withServer { path in
            let result = try await Self.standctl(["status", "--socket", path, "--json", "--timeout", "60"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try JSONDecoder().decode(StandStatus.self, from: Data(result.stdout.utf8)) == Self.status)
        }
    }

    @Test func saysWhenStanddIsNotRunning() async throws {
        let result = try await Self.standctl(["status", "--socket", "/tmp/standctl-no-such-\(UUID().uuidString.prefix(8)).sock"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("standd is not running"))
    }

    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func tellsAUserOutsideTheGroupToJoinIt() async throws {
        try await Self.withServer { path in
            let result = try await Self.standctl(["status", "--socket", path, "--timeout", "60"], as: "nobody")
            #expect(result.status != 0)
            #expect(result.stderr.contains("cannot reach standd at \(path): permission denied — add yourself to the stand group"),
                    "\(result.stderr)")
        }
    }
}
