#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One standd of a package, started on its `ServiceStand` as systemd would start the unit:
/// `$NOTIFY_SOCKET` naming the benchmark's socket and `$WATCHDOG_USEC` set, stderr (the log) to a file.
final class LaunchedStandd {
    static let readyTimeout: Duration = .seconds(30)
    /// The unit's `TimeoutStopSec=`.
    static let stopTimeout: Duration = .seconds(30)

    let stand: ServiceStand
    let socket: NotifySocket
    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)

    var pid: Int32 { process.processIdentifier }

    init(_ stand: ServiceStand, socket: NotifySocket) {
        self.stand = stand
        self.socket = socket
    }

    /// Execs standd and waits for `READY=1`; returns the time from exec to it.
    func launch() throws -> Duration {
        socket.drain()
        process.executableURL = URL(fileURLWithPath: stand.package.standd)
        process.arguments = ["--config", stand.configPath, "--control-socket", stand.controlSocket]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "20000000"]) { $1 }
        _ = FileManager.default.createFile(atPath: stand.logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: stand.logPath)
        defer { try? log?.close() }
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exited = exited
        process.terminationHandler = { _ in exited.signal() }
        let launched = ContinuousClock.now
        try process.run()
        let process = process
        guard let ready = socket.wait(for: "READY=1", until: launched + Self.readyTimeout, abandoned: { !process.isRunning }) else {
            throw BenchFailure("\(stand.package.version): standd sent no READY=1 within \(Self.readyTimeout)"
                + (process.isRunning ? "" : " and exited") + "; its log:\n\(logTail())")
        }
        return ready - launched
    }

    /// Lets the standds run for `duration`, reading their notifications as systemd does.
    static func idle(_ running: [LaunchedStandd], for duration: Duration) {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            running.forEach { $0.socket.drain() }
            Thread.sleep(forTimeInterval: min(0.1, seconds(deadline - .now)))
        }
    }

    /// SIGTERM, as `systemctl stop` sends it; returns the time to the exit, which must be status 0.
    func stop() throws -> Duration {
        let signalled = ContinuousClock.now
        kill(pid, SIGTERM)
        // Read the notifications meanwhile, as systemd does: standd's last ones wait for room in the socket.
        while exited.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
            socket.drain()
            guard ContinuousClock.now < signalled + Self.stopTimeout else {
                kill(pid, SIGKILL)
                throw BenchFailure("\(stand.package.version): standd did not exit within \(Self.stopTimeout) of SIGTERM; its log:\n\(logTail())")
            }
        }
        let stopped = ContinuousClock.now - signalled
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status" : "was killed by signal"
            throw BenchFailure("\(stand.package.version): standd \(how) \(process.terminationStatus) after SIGTERM "
                + "instead of exiting 0; its log:\n\(logTail())")
        }
        return stopped
    }

    /// Kills standd if it still runs: the clean-up when the benchmark fails halfway.
    func killIfRunning() {
        guard process.isRunning else { return }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    private func logTail() -> String {
        let log = (try? String(contentsOfFile: stand.logPath, encoding: .utf8)) ?? "(no log)"
        return log.split(separator: "\n").suffix(15).joined(separator: "\n")
    }
}
