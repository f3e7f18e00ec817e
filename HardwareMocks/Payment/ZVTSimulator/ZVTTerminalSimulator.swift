import Foundation
import StandHardware
import Synchronization

/// A ZVT card terminal (the PT side) on a real line, for the stand's ZVT driver to talk to: a
/// pseudo-terminal the driver opens as its serial port (frames, ACK/NAK, T3 repeats), or a TCP
/// port on 127.0.0.1 (bare APDUs). It answers registration, authorization, reversal, refund,
/// repeat receipt, end of day, status enquiry and log-off the way a real terminal does, plays
/// scripted outcomes and faults for the next authorizations, and keeps a ledger of what it charged.
///
/// One thread serves one ECR connection at a time, with blocking reads, so the stand's tests keep
/// Swift's few cooperative threads. `stop()` ends it; so does dropping the simulator.
public final class ZVTTerminalSimulator: Sendable {
    /// The serial port the stand opens (`/dev/pts/N`); nil over TCP.
    public let devicePath: String?
    /// The TCP port on 127.0.0.1; nil on a pseudo-terminal.
    public let port: Int?
    public let settings: ZVTSimulatorSettings

    private let journal = ZVTSimulatorJournal()
    private let line: any ZVTSimulatorPort
    private let stopping = Atomic<Bool>(false)
    private let closed = Atomic<Bool>(false)
    /// Signalled once when the thread has finished; each `stop()` passes it on to the next.
    private let finished = DispatchSemaphore(value: 0)

    /// A terminal on a new pseudo-terminal: give `devicePath` to the stand's serial driver.
    public static func pseudoTerminal(settings: ZVTSimulatorSettings = ZVTSimulatorSettings()) throws(ZVTSimulatorError) -> ZVTTerminalSimulator {
        let line = try ZVTPseudoTerminalPort()
        return ZVTTerminalSimulator(line: line, devicePath: line.devicePath, port: nil, settings: settings)
    }

    /// A terminal listening on 127.0.0.1:`port` (0: any free port; read `port`).
    public static func tcp(port: Int = 0, settings: ZVTSimulatorSettings = ZVTSimulatorSettings()) throws(ZVTSimulatorError) -> ZVTTerminalSimulator {
        let line = try ZVTTCPPort(port: port)
        return ZVTTerminalSimulator(line: line, devicePath: nil, port: line.port, settings: settings)
    }

    private init(line: any ZVTSimulatorPort, devicePath: String?, port: Int?, settings: ZVTSimulatorSettings) {
        precondition(settings.terminalID.utf8.count == 8 && settings.terminalID.allSatisfy { $0.isASCII && $0.isNumber },
                     "the terminal ID is eight digits, not \"\(settings.terminalID)\"")
        self.line = line
        self.devicePath = devicePath
        self.port = port
        self.settings = settings
        let thread = Thread { [journal, finished] in
            var session = ZVTTerminalSession(port: line, journal: journal, settings: settings)
            session.run()
            finished.signal()
        }
        thread.name = "ZVT terminal simulator \(devicePath ?? "127.0.0.1:\(port ?? 0)")"
        thread.start()
    }

    deinit {
        stop()
    }

    // MARK: - Script

    /// Queues outcomes for the next authorizations, in order; an empty queue approves.
    public func enqueue(_ outcomes: ZVTScriptedOutcome...) {
        journal.enqueue(outcomes)
    }

    /// Offline: not a byte answered, not even ACK, until `setOffline(false)`.
    public func setOffline(_ offline: Bool) {
        journal.setOffline(offline)
    }

    /// Power back after `powerLossAfterApproval`, before `ZVTSimulatorSettings.powerOffDuration` is up.
    public func powerOn() {
        journal.powerOn()
    }

    // MARK: - Observation

    /// What the terminal has charged and received so far.
    public var ledger: ZVTSimulatorLedger {
        journal.ledger
    }

    /// Stops serving, closes the line (the stand's reads then see a hang-up or a closed
    /// connection) and returns once the thread has finished. Idempotent.
    public func stop() {
        if !stopping.exchange(true, ordering: .acquiringAndReleasing) { line.wake() }
        finished.wait()
        // Closed here, after the thread, so no wake-up can reach a descriptor number reused since.
        if !closed.exchange(true, ordering: .acquiringAndReleasing) { line.close() }
        finished.signal()
    }
}
