import Foundation
import HardwareMocks
import Logging
import StandCore
import StandHardware
import StandStore
import Synchronization

/// `standd --simulate`: the whole stand in one terminal. The keyboard is the keypad (through
/// the virtual keypad, so keys travel the same path as a real one's), the screen shows the
/// stand's display, the paper coming out of the virtual printer, the drawer, the card
/// terminal's prompts, the device status and the log; fault keys unplug and break the virtual
/// devices. Every sale goes through the real store in the data directory.
public final class SimulatorSession: Sendable {
    public let stand: SimulatedStand
    private let terminal: RawTerminal
    private let log: SimulatorLog
    private let ui = Mutex(UIState())

    /// What the simulator remembers about the faults it injected, for the screen.
    private struct UIState {
        var scanBuffer: String?
        var paperRunsOut = false
        var coverOpen = false
        var printerUnplugged = false
        var cardTerminalUnplugged = false
        var drawerJammed = false
        var nextCard: String?
        var cardRequestsAtScript = 0
        var note: String?
        var receiptsSaved = 0
    }

    public init(stand: SimulatedStand, terminal: RawTerminal, log: SimulatorLog) {
        self.stand = stand
        self.terminal = terminal
        self.log = log
    }

    /// Runs the stand and the screen until `q`, Ctrl-C, SIGTERM/SIGINT or the end of input; the
    /// terminal is restored before it returns. Returns a summary of what the store holds.
    public func run() async -> String {
        terminal.write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J")
        let appliance = stand.appliance
        let running = Task { await appliance.run() }
        let notifier = SystemdNotifier()
        let reporting = Task { await SystemdReporting(appliance: appliance, notifier: notifier, logger: Logger(label: "standkit.service")).run() }
        let control = ControlServer.openForSimulator(appliance, configuration: stand.configuration, logger: Logger(label: "standkit.control"))
        let (keystrokes, input) = AsyncStream<[UInt8]>.makeStream()
        let stop = Atomic<Bool>(false)
        let reader = Thread { [terminal] in
            while !stop.load(ordering: .relaxed) {
                guard let bytes = terminal.read(timeoutMilliseconds: 100) else { break }
                if !bytes.isEmpty { input.yield(bytes) }
            }
            input.finish()
        }
        reader.start()
        let signals = TerminationSignals { input.finish() }
        let painter = Task {
            var last: [String] = []
            while !Task.isCancelled {
                last = await self.draw(previous: last)
                try? await Task.sleep(for: .milliseconds(60))
            }
        }
        reading: for await chunk in keystrokes {
            for keystroke in TerminalKeystroke.decode(chunk) where !handle(keystroke) {
                break reading
            }
        }
        notifier.send(.stopping)
        stop.store(true, ordering: .relaxed)
        signals.cancel()
        reporting.cancel()
        painter.cancel()
        await painter.value
        if let control { await Self.stop(control) }
        running.cancel()
        await running.value
        terminal.write("\u{1B}[?25h\u{1B}[?1049l")
        terminal.restore()
        let count = (try? stand.store.sales(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(86_400)).count) ?? 0
        return "\(count) sale\(count == 1 ? "" : "s") stored in \(stand.store.databasePath). List them with: standctl sales --data-dir \(stand.configuration.dataDirectory)"
    }

    /// Stops the control socket on a thread of its own: its listener may be waiting for a status
    /// task, which needs a pool thread this one must not hold.
    private static func stop(_ control: ControlServer) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                control.stop()
                done.resume()
            }.start()
        }
    }

    // MARK: - Keys

    /// Acts on one keystroke; false when the simulator should quit.
    private func handle(_ keystroke: TerminalKeystroke) -> Bool {
        if let scanning = ui.withLock({ $0.scanBuffer }) {
            scanKey(keystroke, buffer: scanning)
            return keystroke != .interrupt
        }
        guard let command = SimulatorKeymap.command(for: keystroke) else { return true }
        switch command {
        case .key(let key):
            if !stand.keypad.press(key) { note("The keypad is not ready yet") }
        case .fault(let fault):
            inject(fault)
        case .startScan:
            ui.withLock { $0.scanBuffer = "" }
        case .quit:
            return false
        }
        return true
    }

    private func scanKey(_ keystroke: TerminalKeystroke, buffer: String) {
        switch keystroke {
        case .character(let character):
            ui.withLock { $0.scanBuffer = buffer + String(character) }
        case .backspace:
            ui.withLock { $0.scanBuffer = String(buffer.dropLast()) }
        case .enter:
            ui.withLock { $0.scanBuffer = nil }
            guard !buffer.isEmpty else { return }
            let sent = stand.scanner.scan(payload: buffer, symbology: buffer.allSatisfy(\.isNumber) ? .ean13 : .qr)
            note(sent ? "Scanned \(buffer)" : "The scanner is not ready; nothing scanned")
        case .escape, .interrupt:
            ui.withLock { $0.scanBuffer = nil }
        default:
            break
        }
    }

    private func inject(_ fault: SimulatorFault) {
        let printer = stand.printer
        switch fault {
        case .togglePaper:
            let runsOut = ui.withLock { state -> Bool in
                state.paperRunsOut.toggle()
                return state.paperRunsOut
            }
            if runsOut {
                printer.runOutOfPaper(afterBytes: 120)
                note("The roll ends 120 bytes into the next receipt (p loads a new roll)")
            } else {
                printer.loadPaper()
                note("New paper roll loaded")
            }
        case .toggleCover:
            let open = ui.withLock { state -> Bool in
                state.coverOpen.toggle()
                return state.coverOpen
            }
            open ? printer.openCover() : printer.closeCover()
            note(open ? "Printer cover opened" : "Printer cover closed")
        case .togglePrinterCable:
            let unplugged = ui.withLock { state -> Bool in
                state.printerUnplugged.toggle()
                return state.printerUnplugged
            }
            unplugged ? printer.unplug() : printer.plugIn()
            note(unplugged ? "Printer cable pulled" : "Printer plugged back in")
        case .toggleCardTerminalCable:
            let unplugged = ui.withLock { state -> Bool in
                state.cardTerminalUnplugged.toggle()
                return state.cardTerminalUnplugged
            }
            stand.cardSimulator.setOffline(unplugged)
            note(unplugged ? "Card terminal cable pulled" : "Card terminal plugged back in")
        case .nextCard(let outcome):
            stand.cardSimulator.enqueue(outcome)
            let requests = Self.authorizations(stand.cardSimulator)
            ui.withLock {
                $0.nextCard = Self.words(outcome)
                $0.cardRequestsAtScript = requests
            }
        case .toggleDrawerJam:
            let jammed = ui.withLock { state -> Bool in
                state.drawerJammed.toggle()
                return state.drawerJammed
            }
            jammed ? stand.drawer.jam() : stand.drawer.unjam()
            note(jammed ? "The drawer is jammed" : "The drawer is free again")
        case .shutDrawer:
            stand.drawer.shut()
        }
    }

    private func note(_ text: String) {
        ui.withLock { $0.note = text }
    }

    /// The terminal-sized view shown under a small LCD.
    static let wideGeometry = DisplayGeometry(columns: 42, rows: 10)

    static func words(_ outcome: ZVTScriptedOutcome) -> String {
        switch outcome {
        case .approve: "approved"
        case .decline(let code): "declined (\(ZVTResultCode.describe(code)))"
        case .timeout: "no answer (timeout)"
        case .customerAbort: "cancelled by the customer"
        case .cardReadError: "card not readable"
        case .slowIntermediate: "slow bank"
        case .garbledFrames: "garbled line"
        case .badCRC: "bad checksum"
        case .nakStorm(let count): "\(count) NAKs"
        case .powerLossAfterApproval: "power cut after the approval"
        }
    }

    /// How many authorizations (06 01) the simulated terminal has received.
    static func authorizations(_ simulator: ZVTTerminalSimulator) -> Int {
        simulator.ledger.receivedAPDUs.filter { $0.commandClass == 0x06 && $0.instruction == 0x01 }.count
    }

    // MARK: - Screen

    /// Draws the screen if it changed; returns what is on it.
    private func draw(previous: [String]) async -> [String] {
        let snapshot = await snapshot()
        let size = terminal.size() ?? (columns: 120, rows: 40)
        let rows = SimulatorScreen.lines(snapshot, width: size.columns, height: size.rows)
        if rows != previous { terminal.write(SimulatorScreen.ansi(rows)) }
        return rows
    }

    private var receiptsDirectory: String {
        (stand.configuration.dataDirectory as NSString).appendingPathComponent("receipts")
    }

    /// Writes each receipt that came out since the last call as `receipts/receipt-N.png`, so a
    /// person can look at the paper: logo, QR code and all.
    private func saveReceiptPictures(_ receipts: [PrintedReceipt]) {
        let saved = ui.withLock { $0.receiptsSaved }
        guard receipts.count > saved else { return }
        let directory = receiptsDirectory
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for number in saved..<receipts.count {
            let path = (directory as NSString).appendingPathComponent("receipt-\(number + 1).png")
            if !FileManager.default.createFile(atPath: path, contents: Data(receipts[number].png())) {
                log.append("simulator: cannot write \(path)", level: .warning)
            }
        }
        ui.withLock { $0.receiptsSaved = receipts.count }
    }

    private func snapshot() async -> SimulatorSnapshot {
        let appliance = stand.appliance
        let statuses = await appliance.statusLines()
        let locked = await appliance.terminalState == .locked
        let state = ui.withLock { state -> UIState in
            if state.nextCard != nil, Self.authorizations(stand.cardSimulator) > state.cardRequestsAtScript { state.nextCard = nil }
            return state
        }
        let printer = stand.printer
        var paper: [String]
        if let pending = printer.pendingReceipt {
            paper = pending.lines + ["… printing …"]
        } else if let last = printer.lastReceipt {
            paper = last.lines + (last.isComplete ? ["✂ - - - - - - - - - - - - -"] : ["(paper ran out here)"])
        } else {
            paper = ["(nothing printed yet)"]
        }
        paper.insert("\(printer.receipts.count) receipt\(printer.receipts.count == 1 ? "" : "s") on the roll"
                     + (printer.receipts.isEmpty ? "" : ", pictures in \(receiptsDirectory)"), at: 0)
        saveReceiptPictures(printer.receipts)
        let drawer = stand.drawer
        let drawerState = drawer.isOpenNow.map { $0 ? "OPEN (d shuts it)" : "closed" } ?? "no sensor"
        let drawerLine = "Drawer: \(drawerState), \(drawer.pulses.count) pulse\(drawer.pulses.count == 1 ? "" : "s")"
            + (state.drawerJammed ? ", JAMMED" : "")
        var cardLines = ["Card terminal says: \(stand.lastCardPrompt ?? "-")"]
        cardLines.append("Next card: \(state.nextCard ?? "approved (default)")")
        let fault = await appliance.lastFault
        var hint: String?
        if locked, let demo = stand.demoLoginHint { hint = demo }
        if let note = state.note { hint = (hint.map { $0 + "   " } ?? "") + note }
        if let fault { hint = (hint.map { $0 + "   " } ?? "") + "Last fault: \(fault)" }
        let configuration = stand.configuration
        return SimulatorSnapshot(
            title: "StandKit simulator - \(configuration.standName) (\(configuration.standID)) - data \(configuration.dataDirectory)",
            display: stand.display.frame,
            wideView: stand.display.geometry.rows < 8 ? await appliance.frame(geometry: Self.wideGeometry) : nil,
            printerTitle: "Paper - " + (statuses.first { $0.hasPrefix("printer") } ?? "printer"),
            receiptLines: paper, paperColumns: configuration.paperWidth.columns, deviceLines: statuses.filter { !$0.hasPrefix("printer") && !$0.hasSuffix("not configured") },
            drawerLine: drawerLine, cardLines: cardLines, logLines: log.lines(3), hint: hint, scanPrompt: state.scanBuffer)
    }
}

extension VirtualCashDrawer {
    /// The sensor without suspending (the screen draws from a non-async snapshot).
    var isOpenNow: Bool? { capabilities.hasDrawerSensor ? sensorShowsOpen : nil }
}

extension SimulatorSession {
    /// Everything `standd --simulate` does after parsing its arguments: the log goes to
    /// `standd.log` in the data directory (the terminal belongs to the screen), the terminal goes
    /// raw, the stand runs until the operator quits. Returns the summary to print.
    public static func start(configuration: StandConfiguration) async throws -> String {
        let log = SimulatorLog(path: (configuration.dataDirectory as NSString).appendingPathComponent("standd.log"))
        LoggingSystem.bootstrap { label in log.handler(label: label) }
        let stand = try SimulatedStand(configuration: configuration)
        let terminal = try RawTerminal()
        return await SimulatorSession(stand: stand, terminal: terminal, log: log).run()
    }
}
