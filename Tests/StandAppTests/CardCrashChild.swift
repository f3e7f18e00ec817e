import Foundation
import HardwareMocks
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the `card-crash-child` built next to the test bundle for one stand (a data directory) and
/// the simulated terminal, and kills it with SIGKILL when the terminal's ledger shows a chosen
/// moment.
struct CardCrashChild {
    /// What one run printed and how it ended.
    struct Run: CustomStringConvertible {
        /// Whole lines only: a line cut by the kill was not printed yet.
        let lines: [String]
        let killed: Bool
        let status: Int32
        let errors: String

        /// What follows `event` on its first line (`charging <reference> <cents>` → "<reference> <cents>").
        func first(_ event: String) -> String? {
            lines.first { $0.hasPrefix(event + " ") }.map { String($0.dropFirst(event.count + 1)) }
        }

        var endedNormally: Bool { !killed && status == 0 }

        var description: String {
            "\(killed ? "killed" : "exit \(status)"): \(lines.joined(separator: " | "))"
                + (errors.isEmpty ? "" : "\n--- stderr ---\n\(errors)")
        }
    }

    let directory: String
    let simulator: ZVTTerminalSimulator

    /// `arguments` after the data directory and the terminal's path (`["pay", "350"]`,
    /// `["recover"]`). `killWhen` is polled every 0.2 ms while the child runs; when it holds, the
    /// child gets SIGKILL. A child still running after `limit` is killed too, and recorded as an issue.
    /// The watching is done on a thread of its own, so the cooperative pool stays free for the
    /// terminal simulator and the other tests meanwhile.
    func run(_ arguments: [String], killWhen moment: (@Sendable (ZVTSimulatorLedger) -> Bool)? = nil,
             limit: Duration = .seconds(20)) async throws -> Run {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = [directory, try #require(simulator.devicePath)] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let simulator = simulator
        let overran = await withCheckedContinuation { (finished: CheckedContinuation<Bool, Never>) in
            Thread {
                finished.resume(returning: Self.watch(process, until: moment, in: simulator, limit: limit))
            }.start()
        }
        if overran { Issue.record("card-crash-child \(arguments.joined(separator: " ")) still ran after \(limit)") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return Run(lines: lines, killed: killed, status: process.terminationStatus,
                   errors: String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// Polls until the child ends, killing it at `moment` or after `limit`; true when it overran.
    private static func watch(_ process: Process, until moment: ((ZVTSimulatorLedger) -> Bool)?, in simulator: ZVTTerminalSimulator,
                              limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        var overran = false
        while process.isRunning {
            if let moment, moment(simulator.ledger) {
                kill(process.processIdentifier, SIGKILL)
                break
            }
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
                overran = true
                break
            }
            usleep(200)
        }
        process.waitUntilExit()
        return overran
    }

    static func executable() throws -> URL {
        try BuiltProduct.url("card-crash-child")
    }
}

struct CardCrashFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
