import StandHardware
import Synchronization

/// A receipt printer in memory that runs ESC/POS jobs the way a thermal printer does: it keeps
/// each receipt (text, QR codes, barcodes, images, a picture of the paper), counts drawer kicks,
/// answers DLE EOT, and rejects any command it does not know with the byte offset.
///
/// Faults can be injected at any time, from tests or the simulator: `runOutOfPaper(afterBytes:)`
/// (the printer stops mid-job, keeps what it printed as a partial receipt and throws
/// `.paperOut`), `setPaperLow`, `openCover`, `unplug` (throws `.disconnected`), `setSlow`
/// (a delay per chunk of bytes); `loadPaper`, `closeCover` and `plugIn` recover.
public final class VirtualReceiptPrinter: ReceiptPrinter, Sendable {
    private struct Mechanism {
        var interpreter: EscPosInterpreter
        var receipts: [PrintedReceipt] = []
        var paper: PrinterStatus.Paper = .ok
        /// Bytes left on the roll after `runOutOfPaper(afterBytes:)`.
        var bytesLeftOnRoll: Int?
        var coverOpen = false
        var drawerKicks = 0
        var readBack: [UInt8] = []
        var bytesPrinted = 0
        var delayPerChunk: Duration?
        var chunkSize = 256
        var lastRejection: EscPosRejection?
        var drawer: VirtualCashDrawer?
    }

    private let core: MockDeviceCore
    private let mechanism: Mutex<Mechanism>
    private let clock: any Clock<Duration>
    public let capabilities: DeviceCapabilities

    public init(name: String = "printer", paperWidth: PaperWidth = .mm80, clock: any Clock<Duration> = ContinuousClock()) {
        core = MockDeviceCore(kind: .receiptPrinter, model: "virtual ESC/POS printer", name: name)
        mechanism = Mutex(Mechanism(interpreter: EscPosInterpreter(paperWidth: paperWidth)))
        self.clock = clock
        capabilities = DeviceCapabilities(paperWidth: paperWidth, hasCutter: true, printsQRCodes: true, reportsStatus: true,
                                          kicksDrawer: true)
    }

    // MARK: - Device

    public var identity: DeviceIdentity { core.identity }
    public var state: DeviceState { core.state }
    public func open() async throws(DeviceError) { try core.open() }
    public func claim() async throws(DeviceError) { try core.claim() }
    public func enable() async throws(DeviceError) { try core.enable() }
    public func close() async { core.close() }
    public func events() -> AsyncStream<DeviceEvent> { core.broadcaster.subscribe() }

    // MARK: - ReceiptPrinter

    public func print(_ job: [UInt8]) async throws(DeviceError) {
        try core.requireEnabled("print")
        let commands: [EscPosParser.Parsed]
        do {
            commands = try EscPosParser.parse(job)
        } catch {
            mechanism.withLock { $0.lastRejection = error }
            throw DeviceError(code: .protocolViolation, summary: "The printer rejected a receipt it cannot print.",
                              action: "This is a program error in the receipt encoder; report it.", detail: error.description)
        }
        var consumed = 0
        var next = 0
        repeat {
            let (delay, chunkSize) = mechanism.withLock { ($0.delayPerChunk, $0.chunkSize) }
            if let delay {
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    throw .timeout(.receiptPrinter, "print", detail: "cancelled after \(consumed) of \(job.count) bytes")
                }
            }
            try core.requireEnabled("print")
            let end = delay == nil ? job.count : min(job.count, consumed + chunkSize)
            var events: [DeviceEvent] = []
            let failure = mechanism.withLock { m -> DeviceError? in
                if m.coverOpen { return .coverOpen }
                if m.paper == .out { return .paperOut }
                var allowed = end
                if let left = m.bytesLeftOnRoll { allowed = min(end, consumed + left) }
                while next < commands.count, commands[next].end <= allowed {
                    let effect: EscPosInterpreter.Effect?
                    do {
                        effect = try m.interpreter.apply(commands[next].command)
                    } catch {
                        return .invalidInput(.receiptPrinter, "the QR code at byte \(commands[next].offset): \(error)")
                    }
                    switch effect {
                    case .receiptCut(let receipt): m.receipts.append(receipt)
                    case .drawerKick(_, let milliseconds):
                        // Pulsed in order, so a later DLE EOT 1 in the same job sees the drawer open.
                        m.drawerKicks += 1
                        m.drawer?.pulseFromPrinter(milliseconds: milliseconds)
                    case .statusRequest(let request): m.readBack.append(Self.statusByte(request, m))
                    case nil: break
                    }
                    next += 1
                }
                m.bytesPrinted += allowed - consumed
                m.bytesLeftOnRoll = m.bytesLeftOnRoll.map { $0 - (allowed - consumed) }
                consumed = allowed
                guard m.bytesLeftOnRoll == 0 else { return nil }
                m.bytesLeftOnRoll = nil
                m.paper = .out
                events.append(.printerStatus(Self.status(m)))
                guard consumed < job.count else { return nil }
                if m.interpreter.hasPrinted { m.receipts.append(m.interpreter.uncutReceipt()) }
                m.interpreter.reset()
                return .paperOut
            }
            for event in events { core.send(event) }
            if let failure { throw failure }
        } while consumed < job.count
    }

    public func status() async throws(DeviceError) -> PrinterStatus {
        try core.requireEnabled("report its status")
        let bytes = mechanism.withLock { m in StatusRequest.allCases.map { Self.statusByte($0, m) } }
        do {
            return try PrinterStatusParser.status(printer: bytes[0], offlineCause: bytes[1], errorCause: bytes[2], paperSensor: bytes[3])
        } catch {
            throw .protocolViolation(.receiptPrinter, detail: "\(error)")
        }
    }

    // MARK: - What came out

    /// Every receipt cut off the roll, and the partial ones the paper ran out in, oldest first.
    public var receipts: [PrintedReceipt] { mechanism.withLock { $0.receipts } }

    public var lastReceipt: PrintedReceipt? { receipts.last }

    /// What is printed but not cut yet.
    public var pendingReceipt: PrintedReceipt? {
        mechanism.withLock { $0.interpreter.hasPrinted ? $0.interpreter.uncutReceipt() : nil }
    }

    /// `ESC p` pulses received.
    public var drawerKicks: Int { mechanism.withLock { $0.drawerKicks } }

    /// Bytes that reached the paper (a job the paper ran out in counts up to that point).
    public var bytesPrinted: Int { mechanism.withLock { $0.bytesPrinted } }

    /// The last job refused, with the offset and bytes of the command.
    public var lastRejection: EscPosRejection? { mechanism.withLock { $0.lastRejection } }

    /// The status bytes answered to `DLE EOT` inside jobs, as a driver would read them back;
    /// reading empties the buffer.
    public func readBack() -> [UInt8] {
        mechanism.withLock { m in
            defer { m.readBack = [] }
            return m.readBack
        }
    }

    /// Forgets the printed receipts (the roll was torn off).
    public func clearReceipts() { mechanism.withLock { $0.receipts = [] } }

    /// A drawer on the kick connector: each `ESC p` pulses it, and its sensor shows in DLE EOT 1.
    public func connect(drawer: VirtualCashDrawer) { mechanism.withLock { $0.drawer = drawer } }

    // MARK: - Faults

    /// The roll ends after `bytes` more bytes: a job running then stops, the part printed stays
    /// as a partial receipt, and `print` throws `.paperOut` until `loadPaper()`.
    public func runOutOfPaper(afterBytes bytes: Int = 0) {
        changeStatus { m in
            if bytes <= 0 {
                m.paper = .out
                m.bytesLeftOnRoll = nil
            } else {
                m.bytesLeftOnRoll = bytes
            }
        }
    }

    /// The near-end sensor: printing goes on, the status says `low`.
    public func setPaperLow(_ low: Bool = true) {
        changeStatus { m in if m.paper != .out { m.paper = low ? .low : .ok } }
    }

    /// A new roll: paper ok.
    public func loadPaper() {
        changeStatus { m in
            m.paper = .ok
            m.bytesLeftOnRoll = nil
        }
    }

    public func openCover() { changeStatus { $0.coverOpen = true } }
    public func closeCover() { changeStatus { $0.coverOpen = false } }

    /// The cable is pulled: jobs and status throw `.disconnected`, the state is `.disconnected`.
    public func unplug() { core.unplug() }

    /// The cable is back: emits `.reconnected`; the supervisor reopens the printer (`start()`).
    public func plugIn() { core.plugIn() }

    /// Takes `delay` for each `chunkSize` bytes of a job (nil: instant), like a slow serial line.
    public func setSlow(delayPerChunk delay: Duration?, chunkSize: Int = 256) {
        mechanism.withLock {
            $0.delayPerChunk = delay
            $0.chunkSize = max(1, chunkSize)
        }
    }

    private func changeStatus(_ change: (inout Mechanism) -> Void) {
        let (before, after) = mechanism.withLock { m -> (PrinterStatus, PrinterStatus) in
            let before = Self.status(m)
            change(&m)
            return (before, Self.status(m))
        }
        if before != after { core.send(.printerStatus(after)) }
    }

    // MARK: - Status bytes

    private static func statusByte(_ request: StatusRequest, _ m: Mechanism) -> UInt8 {
        let offline = m.coverOpen || m.paper == .out
        switch request {
        case .printer:
            return StatusReply.printer(drawerPin3High: m.drawer?.sensorShowsOpen ?? false, offline: offline,
                                       waitingForRecovery: false, feedButtonPressed: false).byte
        case .offlineCause:
            return StatusReply.offlineCause(coverOpen: m.coverOpen, feedingByButton: false, paperEndStop: m.paper == .out,
                                            errorOccurred: false).byte
        case .errorCause:
            return StatusReply.errorCause(mechanical: false, autocutter: false, unrecoverable: false, autoRecoverable: false).byte
        case .paperSensor:
            return StatusReply.paperSensor(nearEnd: m.paper == .low, end: m.paper == .out).byte
        }
    }

    private static func status(_ m: Mechanism) -> PrinterStatus {
        PrinterStatus(online: !(m.coverOpen || m.paper == .out), paper: m.paper, coverOpen: m.coverOpen,
                      drawerSensorHigh: m.drawer?.sensorShowsOpen ?? false)
    }
}
