import StandHardware
import Synchronization
import Testing

@Suite struct PrinterJobGateTests {
    final class Log: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func oneJobAtATimeInArrivalOrder() async throws {
        let gate = PrinterJobGate()
        let log = Log()
        await gate.enter()
        var jobs: [Task<Void, Never>] = []
        for name in ["kick", "status", "receipt"] {
            jobs.append(Task {
                await gate.enter()
                log.append("\(name) in")
                try? await Task.sleep(for: .milliseconds(5))
                log.append("\(name) out")
                gate.leave()
            })
            // Let each job queue before the next arrives.
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(log.all.isEmpty, "nobody passes while the gate is held")
        gate.leave()
        for job in jobs { await job.value }
        #expect(log.all == ["kick in", "kick out", "status in", "status out", "receipt in", "receipt out"])
        await gate.enter()
        gate.leave()
    }
}
