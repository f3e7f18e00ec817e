import Foundation
import Logging
import StandCore
import StandHardware
import StandStore

/// The stand appliance: the operator terminal wired to the store, the devices and the print
/// queue. Keys and scans go into the ``OperatorTerminal``; the actions it returns are performed
/// here (the sale committed durably before anything is shown, printed or the drawer opened;
/// card authorizations; drawer pulses; receipts through the ``PrintSpooler``; stock, shifts,
/// X/Z reports, location) and their results fed back; after every input the display shows the
/// terminal's frame.
///
/// `run()` supervises the devices, prints, and feeds device events (keypad, scanner, card
/// prompts, status changes) until cancelled. Tests and the simulator may also feed inputs
/// directly with ``press(_:)``, ``scan(_:)`` and ``handle(_:)``.
public actor StandAppliance {
    public nonisolated let store: StandStore
    public nonisolated let devices: DeviceSet
    public nonisolated let supervisor: DeviceSupervisor
    public nonisolated let spooler: PrintSpooler
    /// How receipts look; SIGHUP may give a new header, footer or logo while the stand runs.
    public private(set) var receiptFormat: ReceiptFormat
    /// Stores every card attempt before the terminal is asked and resolves lost outcomes.
    public nonisolated let cardDesk: CardPaymentDesk
    /// The frame size when no display is configured (what `lastFrame` is drawn for).
    public nonisolated let fallbackGeometry: DisplayGeometry
    private var terminal: OperatorTerminal
    private let now: @Sendable () -> Date
    private let clock: any Clock<Duration>
    private let tickInterval: Duration
    private let logger: Logger
    private var conditions: [DeviceKind: DeviceCondition] = [:]
    private var cardTasks: [String: Task<Void, Never>] = [:]
    /// An input is being handled; the others wait in `turnWaiters`, oldest first.
    private var handling = false
    private var turnWaiters: [CheckedContinuation<Void, Never>] = []
    /// The frame drawn last.
    public private(set) var lastFrame: DisplayFrame
    /// Whether the display has been shown a frame yet (later frames only when they change).
    private var displayedOnce = false
    /// The last device problem reported to the operator (a drawer that did not open …).
    public private(set) var lastFault: String?

    /// - Parameters:
    ///   - now: the wall clock for sale times; injected so tests can fix the time of day.
    ///   - clock: drives reconnect backoff, print retries and the terminal's idle tick.
    ///   - logger: the appliance's logger; the supervisor and the print spooler log through it
    ///     with `component` metadata.
    public init(store: StandStore, terminal: OperatorTerminal, devices: DeviceSet, receiptFormat: ReceiptFormat,
                backoff: ReconnectBackoff = ReconnectBackoff(), printRetryInterval: Duration = .seconds(5),
                tickInterval: Duration = .seconds(1), fallbackGeometry: DisplayGeometry = DisplayGeometry(columns: 40, rows: 12),
                clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "standkit.appliance")) throws(StoreError) {
        self.store = store
        self.terminal = terminal
        self.devices = devices
        self.receiptFormat = receiptFormat
        self.fallbackGeometry = fallbackGeometry
        self.now = now
        self.clock = clock
        self.tickInterval = tickInterval
        self.logger = logger
        var supervisorLogger = logger
        supervisorLogger[metadataKey: "component"] = "supervisor"
        var printLogger = logger
        printLogger[metadataKey: "component"] = "print"
        supervisor = DeviceSupervisor(devices: devices, clock: clock, backoff: backoff, logger: supervisorLogger)
        spooler = try PrintSpooler(store: store, printer: devices.printer, clock: clock, retryInterval: printRetryInterval,
                                   logger: printLogger)
        var cardLogger = logger
        cardLogger[metadataKey: "component"] = "card"
        cardDesk = CardPaymentDesk(store: store, terminal: devices.paymentTerminal, now: now, logger: cardLogger,
                                   reportFailure: { [supervisor] error in await supervisor.deviceFailed(.paymentTerminal, error) })
        lastFrame = terminal.frame(geometry: devices.display?.geometry ?? fallbackGeometry)
    }

    /// Receipts printed from now on look like `format` (a reloaded configuration's header,
    /// footer and logo); receipts already queued keep their bytes.
    public func useReceiptFormat(_ format: ReceiptFormat) {
        receiptFormat = format
    }

    /// The terminal's current state (for tests and the simulator).
    public var terminalState: OperatorTerminal.State { terminal.state }

    /// The terminal's current screen for any geometry (the simulator shows a wide view next to
    /// a small LCD).
    public func frame(geometry: DisplayGeometry) -> DisplayFrame {
        terminal.frame(geometry: geometry)
    }

    /// Each device's condition as the terminal last heard it.
    public var deviceConditions: [DeviceKind: DeviceCondition] { conditions }

    /// The last sale stored through this appliance.
    public var lastSale: Sale? { terminal.lastSale }

    /// One line per device kind with its status and, for the printer, the receipts waiting:
    /// "printer: out of paper — 2 receipts waiting".
    public func statusLines() async -> [String] {
        let waiting = await spooler.pendingJobs.count
        return await supervisor.snapshot().map { status in
            guard status.kind == .receiptPrinter, waiting > 0 else { return status.description }
            return "\(status.description) — \(waiting) receipt\(waiting == 1 ? "" : "s") waiting"
        }
    }

    // MARK: - Running

    /// Supervises the devices, prints and feeds device events to the terminal until cancelled.
    public func run() async {
        let supervisor = supervisor
        let spooler = spooler
        await spooler.onPrinterFailure { error in await supervisor.deviceFailed(.receiptPrinter, error) }
        for status in await supervisor.snapshot() { await statusChanged(status) }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await supervisor.run() }
            group.addTask { await spooler.run() }
            group.addTask {
                for await event in supervisor.events { await self.supervisorEvent(event) }
            }
            group.addTask {
                for await notice in spooler.notices { await self.printNotice(notice) }
            }
            group.addTask {
                while !Task.isCancelled {
                    do { try await self.clock.sleep(for: self.tickInterval) } catch { return }
                    await self.handle(.tick)
                }
            }
            await group.waitForAll()
        }
        for task in cardTasks.values { task.cancel() }
        cardTasks = [:]
    }

    // MARK: - Inputs

    /// A key of the keypad.
    public func press(_ key: Key) async {
        await handle(.key(key))
    }

    /// A code from the scanner.
    public func scan(_ payload: String) async {
        await handle(.scanned(payload))
    }

    /// Feeds one input, performs the actions it leads to (feeding their results back in turn),
    /// then draws the frame.
    ///
    /// Inputs are handled one at a time, in the order they arrive: an input that comes while
    /// another one's actions are still being performed (a print notice during a commit) waits
    /// its turn, so the terminal sees every result in order.
    public func handle(_ input: TerminalInput) async {
        await takeTurn()
        var inputs = [input]
        while !inputs.isEmpty {
            let next = inputs.removeFirst()
            for action in terminal.handle(next, at: now()) {
                inputs += await perform(action)
            }
        }
        await render()
        endTurn()
    }

    private func takeTurn() async {
        guard handling else {
            handling = true
            return
        }
        await withCheckedContinuation { turnWaiters.append($0) }
    }

    private func endTurn() {
        if turnWaiters.isEmpty {
            handling = false
        } else {
            turnWaiters.removeFirst().resume()
        }
    }

    private func supervisorEvent(_ event: SupervisorEvent) async {
        switch event {
        case .status(let status):
            await statusChanged(status)
        case .device(_, .keyPressed(let key)):
            await handle(.key(key.key))
        case .device(_, .codeScanned(let code)):
            await handle(.scanned(code.payload))
        case .device(.paymentTerminal, .terminalPrompt(let prompt)):
            await handle(.cardPrompt(prompt))
        case .device(.paymentTerminal, .terminalPrintout(let lines)):
            await enqueueTerminalPrintout(lines)
        case .device(_, .locationFix(let fix)):
            do { await handle(.location(try .gps(latitude: fix.latitude, longitude: fix.longitude))) } catch {
                logger.warning("location fix ignored", metadata: ["error": "\(error)"])
            }
        case .device(.cashDrawer, .drawerLeftOpen(let seconds)):
            lastFault = "Drawer open for \(seconds) s"
            logger.notice("cash drawer left open", metadata: ["seconds": "\(seconds)"])
        case .device:
            break
        }
    }

    private func statusChanged(_ status: DeviceStatus) async {
        if status.kind == .receiptPrinter { await spooler.printerChanged(usable: status.condition.isUsable) }
        let condition = await terminalCondition(status)
        guard conditions[status.kind] != condition else { return }
        conditions[status.kind] = condition
        if status.kind == .paymentTerminal, condition.isUsable { await resolveCardAttempts() }
        // A display that (re)connects shows nothing until it is drawn again.
        if status.kind == .display, condition == .ready { displayedOnce = false }
        logger.info("device status", metadata: ["device": "\(status.kind)", "status": "\(status.summary)",
                                               "failures": "\(status.failures)"])
        await handle(.device(status.kind, condition))
    }

    /// The condition as the terminal shows it: "Printer out of paper - 2 receipts waiting". A
    /// working printer with receipts on their way is simply ready.
    private func terminalCondition(_ status: DeviceStatus) async -> DeviceCondition {
        let name = status.kind.description.prefix(1).uppercased() + status.kind.description.dropFirst()
        var waiting = ""
        if status.kind == .receiptPrinter {
            let count = await spooler.pendingJobs.count
            if count > 0 { waiting = " - \(count) receipt\(count == 1 ? "" : "s") waiting" }
        }
        switch status.condition {
        case .ready: return .ready
        case .warning(let text): return .warning("\(name) \(text)\(waiting)")
        case .unavailable(let text): return .unavailable("\(name) \(text)\(waiting)")
        case .notConfigured: return .notConfigured
        }
    }

    private func printNotice(_ notice: PrintSpooler.Notice) async {
        switch notice {
        case .printed(let job):
            logger.info("printed", metadata: ["print.job": "\(job.id)", "sale.id": "\(job.saleID.map { "\($0)" } ?? "-")", "copy": "\(job.isCopy)"])
            if let sale = job.saleID { await handle(.receiptPrinted(sale)) }
        case .queued(let job, let reason):
            if let sale = job.saleID { await handle(.receiptQueued(sale, reason: reason)) }
        case .abandoned(let job, let reason):
            lastFault = "Receipt not printable: \(reason)"
            logger.error("print job abandoned", metadata: ["print.job": "\(job.id)", "reason": "\(reason)"])
        }
        await statusChanged(await supervisor.status(of: .receiptPrinter))
    }

    // MARK: - Actions

    /// Performs one action; returns the inputs that report its result.
    private func perform(_ action: TerminalAction) async -> [TerminalInput] {
        switch action {
        case .commitSale(let sale):
            return await commit(sale)
        case .authorizeCard(let draft):
            authorize(draft)
            return []
        case .abortCard:
            await devices.paymentTerminal?.abort()
            return []
        case .openDrawer:
            return await openDrawer()
        case .printReceipt(let sale, let copy):
            return await printReceipt(sale, copy: copy)
        case .recordDelivery(let item, let quantity, let by):
            return operation(.delivery, by: by) { () throws(StoreError) in
                try store.recordDelivery(item: item, quantity: quantity, reference: "keypad, operator \(by)", at: now())
                return "Delivery of \(quantity) \(item) recorded"
            }
        case .recordCount(let item, let counted, let by):
            return operation(.count, by: by) { () throws(StoreError) in
                try store.recordCount(item: item, counted: counted, at: now())
                return "Count of \(item): \(counted) recorded"
            }
        case .openShift(let by, let float):
            do {
                let shift = try store.openShift(operator: by, float: float, at: now())
                logger.info("shift opened", metadata: ["shift": "\(shift.id)", "operator": "\(by)", "float": "\(float)"])
                return [.operationSucceeded(.openShift, message: "Shift opened, float \(float.formattedAmount)")]
            } catch {
                return [.operationFailed(.openShift, reason: "\(error)")]
            }
        case .closeShift(let by, let counted):
            return await closeShift(by: by, counted: counted)
        case .printReport(let kind, let by):
            return await printReport(kind, by: by)
        case .querySyncStatus:
            do {
                let pending = try store.pendingOutbox(limit: 100_000).count
                return [.syncStatus(pendingEvents: pending, lastAcknowledgedAt: nil)]
            } catch {
                logger.error("sync status unreadable", metadata: ["error": "\(error)"])
                return []
            }
        case .setLocation(let location):
            logger.info("location set", metadata: ["location": "\(location)"])
            return []
        case .refundOrVoid(let request):
            return await refund(request)
        case .lock:
            logger.info("terminal locked")
            return []
        case .log(let text):
            logger.info("\(text)")
            return []
        }
    }

    /// Durable before visible: the terminal hears `saleCommitted` only after the commit
    /// returned, and the receipt job is stored in the same transaction as the sale, so a crash
    /// cannot leave a sale whose receipt was never queued.
    private func commit(_ sale: Sale) async -> [TerminalInput] {
        let metadata: Logger.Metadata = ["sale.id": "\(sale.id)", "total": "\(sale.total)"]
        let name = terminal.operators.account(sale.operatorID)?.name
        let format = receiptFormat
        let result: (entry: JournalEntry, printJob: PrintJob?)
        var layoutError: EscPosError?
        let started = ContinuousClock.now
        do throws(StoreError) {
            result = try store.commit(sale) { entry in
                do throws(EscPosError) {
                    return ReceiptJob(
                        bytes: try format.bytes(for: sale, copy: false, journalSequence: entry.sequence, operatorName: name),
                        copyBytes: try format.bytes(for: sale, copy: true, journalSequence: entry.sequence, operatorName: name))
                } catch {
                    layoutError = error
                    return nil
                }
            }
        } catch {
            logger.error("sale not stored", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return [.saleCommitFailed(sale.id, reason: error.description)]
        }
        StandMetrics.saleCommitted(after: ContinuousClock.now - started)
        logger.info("sale committed", metadata: metadata.merging(["journal.seq": "\(result.entry.sequence)"]) { $1 })
        if let job = result.printJob { await spooler.adopt(job) }
        if let layoutError {
            lastFault = "Receipt not printable: \(layoutError)"
            logger.error("receipt could not be laid out", metadata: metadata.merging(["error": "\(layoutError)"]) { $1 })
            return [.saleCommitted(sale.id, journalSequence: result.entry.sequence),
                    .receiptQueued(sale.id, reason: "Receipt not printable: \(layoutError)")]
        }
        return [.saleCommitted(sale.id, journalSequence: result.entry.sequence)]
    }

    /// Stores the receipt job: the original (or a COPY) and the COPY variant a repeat uses.
    private func enqueueReceipt(_ sale: Sale, copy: Bool, journalSequence sequence: Int64?) async throws {
        let name = terminal.operators.account(sale.operatorID)?.name
        let copyBytes = try receiptFormat.bytes(for: sale, copy: true, journalSequence: sequence, operatorName: name)
        let bytes = copy ? copyBytes : try receiptFormat.bytes(for: sale, copy: false, journalSequence: sequence, operatorName: name)
        try await spooler.enqueue(saleID: sale.id, kind: .receipt, bytes: bytes, copyBytes: copyBytes, isCopy: copy, at: now())
    }

    /// The original receipt was queued with the commit; a reprint is a new COPY job (the
    /// stored copy variant of the original, so it carries the same receipt number).
    private func printReceipt(_ sale: Sale, copy: Bool) async -> [TerminalInput] {
        do {
            let jobs = try store.printJobs(ofSale: sale.id)
            if !copy, !jobs.isEmpty { return [] }
            if copy, let copyBytes = jobs.first?.copyBytes {
                try await spooler.enqueue(saleID: sale.id, kind: .receipt, bytes: copyBytes, copyBytes: copyBytes, isCopy: true, at: now())
            } else {
                try await enqueueReceipt(sale, copy: copy, journalSequence: nil)
            }
            return []
        } catch {
            logger.error("receipt could not be queued", metadata: ["sale.id": "\(sale.id)", "error": "\(error)"])
            return [.receiptQueued(sale.id, reason: "Receipt not stored: \(error)")]
        }
    }

    private func authorize(_ draft: CardSaleDraft) {
        logger.info("card authorization", metadata: ["reference": "\(draft.reference)", "amount": "\(draft.amount)"])
        let desk = cardDesk
        cardTasks[draft.reference] = Task {
            await self.settleOpenCardAttempts()
            await self.cardFinished(draft.reference, await desk.charge(draft))
        }
    }

    /// Card attempts left open (a crash, a lost answer) are settled as soon as the terminal
    /// answers: approved ones become their sale, with its receipt.
    private func resolveCardAttempts() async {
        guard devices.paymentTerminal != nil, cardTasks.isEmpty else { return }
        await settleOpenCardAttempts()
    }

    private func settleOpenCardAttempts() async {
        for recovery in await cardDesk.resolveOpenAttempts() {
            switch recovery {
            case .complete(let attempt, let payment):
                do throws(SaleError) {
                    let sale = try attempt.draft.sale(paidWith: payment, completedAt: now())
                    for case .saleCommitFailed(_, let reason) in await commit(sale) {
                        await handle(.notice("Card payment of \(attempt.amount.formattedAmount) from before was approved but its sale is not stored: \(reason)"))
                        return
                    }
                    await handle(.notice(recovery.description))
                } catch {
                    logger.error("approved card payment cannot become its sale", metadata: ["reference": "\(attempt.reference)", "error": "\(error)"])
                    await handle(.notice("Card payment \(attempt.reference) approved but its sale is invalid: \(error) - call a supervisor"))
                }
            case .stillUnknown, .needsSupervisor, .reversed, .notCharged:
                await handle(.notice(recovery.description))
            }
        }
    }

    private func cardFinished(_ reference: String, _ result: CardResult) async {
        cardTasks[reference] = nil
        StandMetrics.cardPaymentFinished(result)
        logger.info("card authorization finished", metadata: ["reference": "\(reference)", "result": "\(result)"])
        await handle(.cardFinished(reference: reference, result))
    }

    /// A drawer fault never undoes the sale: it is shown and logged.
    private func openDrawer() async -> [TerminalInput] {
        guard let drawer = devices.drawer else {
            return [.drawerFailed(reason: "no cash drawer configured")]
        }
        do {
            try await drawer.openDrawer()
            return [.drawerOpened]
        } catch {
            lastFault = "Drawer: \(error.summary)"
            logger.error("cash drawer did not open", metadata: ["error": "\(error)"])
            await supervisor.deviceFailed(.cashDrawer, error)
            return [.drawerFailed(reason: error.summary)]
        }
    }

    private func operation(_ operation: TerminalOperation, by: OperatorID,
                           _ body: () throws(StoreError) -> String) -> [TerminalInput] {
        do {
            let message = try body()
            logger.info("\(message)", metadata: ["operator": "\(by)"])
            return [.operationSucceeded(operation, message: message)]
        } catch {
            logger.error("operation failed", metadata: ["operation": "\(operation)", "error": "\(error)"])
            return [.operationFailed(operation, reason: error.description)]
        }
    }

    /// The money goes back before the refund is stored: a card sale's share through the card
    /// terminal (the payment reversed when the whole of it goes back, else a refund to the card),
    /// the rest in cash. A terminal that refuses leaves nothing stored.
    private func refund(_ request: RefundRequest) async -> [TerminalInput] {
        do {
            let previous = try store.refunds(ofSale: request.sale.id)
            let refund = try Refund.make(of: request.sale, kind: request.kind, scope: request.scope, previous: previous,
                                         operatorID: request.operatorID, supervisorID: request.supervisorID,
                                         reason: request.reason, createdAt: now(), restock: request.restock)
            if let failure = await returnCardShare(of: refund, sale: request.sale, previous: previous) {
                return [.operationFailed(.refund, reason: failure)]
            }
            try store.commit(refund)
            logger.info("refund committed", metadata: ["refund.id": "\(refund.id)", "sale.id": "\(request.sale.id)",
                                                       "supervisor": "\(request.supervisorID)", "amount": "\(refund.amount)"])
            return [.operationSucceeded(.refund, message: "\(request.kind == .void ? "Void" : "Refund") of \(refund.amount.formattedAmount) stored")]
        } catch {
            logger.error("refund refused", metadata: ["sale.id": "\(request.sale.id)", "error": "\(error)"])
            return [.operationFailed(.refund, reason: "\(error)")]
        }
    }

    /// Gives the card's share of `refund` back on the terminal; nil when done (or nothing to do),
    /// else why not.
    private func returnCardShare(of refund: Refund, sale: Sale, previous: [Refund]) async -> String? {
        let payments = sale.tenders.compactMap { tender -> CardPayment? in if case .card(let payment) = tender { payment } else { nil } }
        guard let payment = payments.first else { return nil }
        guard let paymentTerminal = devices.paymentTerminal else {
            return "The sale was paid by card and the stand has no card terminal: give the money back on the terminal by hand"
        }
        let share = min(refund.amount, payment.amount)
        do {
            if previous.isEmpty, share == payment.amount {
                switch try await paymentTerminal.reverse(payment) {
                case .reversed, .alreadyReversed:
                    logger.info("card payment reversed", metadata: ["sale.id": "\(sale.id)", "receipt": "\(payment.terminalReceiptNumber)"])
                    return nil
                case .refused(let code, let message):
                    logger.notice("reversal refused, refunding to the card", metadata: ["code": "\(code)", "message": "\(message)"])
                }
            }
            switch try await paymentTerminal.refund(share) {
            case .approved:
                logger.info("card refund", metadata: ["sale.id": "\(sale.id)", "amount": "\(share)"])
                return nil
            case .declined(_, let message):
                return "The card terminal refused the refund of \(share.formattedAmount): \(message). Nothing was stored"
            case .cancelledByCustomer:
                return "The card refund of \(share.formattedAmount) was cancelled on the terminal. Nothing was stored"
            }
        } catch {
            await supervisor.deviceFailed(.paymentTerminal, error)
            return "Card terminal: \(error.summary) The refund was not stored"
        }
    }

    // MARK: - Shifts and reports

    private func closeShift(by: OperatorID, counted: Money) async -> [TerminalInput] {
        do {
            guard let open = try store.openShift() else { throw ShiftError.noneOpen }
            let report = try tillReport(.z, by: by, shift: open, counted: counted)
            let shift = try store.closeShift(by: by, counted: counted, at: report.to)
            let difference = counted - report.expectedCash
            logger.info("shift closed", metadata: ["shift": "\(shift.id)", "counted": "\(counted)",
                                                   "expected": "\(report.expectedCash)", "difference": "\(difference)"])
            await enqueueReport(report)
            return [.operationSucceeded(.closeShift, message: "Shift closed: counted \(counted.formattedAmount), expected \(report.expectedCash.formattedAmount), difference \(difference.formattedAmount)")]
        } catch {
            return [.operationFailed(.closeShift, reason: "\(error)")]
        }
    }

    /// X: the open shift so far (or everything since the last shift closed). Z: the same, and
    /// the open shift is closed.
    private func printReport(_ kind: ReportKind, by: OperatorID) async -> [TerminalInput] {
        do {
            let open = try store.openShift()
            let report = try tillReport(kind, by: by, shift: open)
            if kind == .z, open != nil { _ = try store.closeShift(by: by, counted: nil, at: report.to) }
            await enqueueReport(report)
            var message = "\(kind == .x ? "X" : "Z") report: \(report.saleCount) sales, \(report.total.formattedAmount)"
            if kind == .z, let cards = await closeCardTerminalDay(report) { message += " - " + cards }
            return [.operationSucceeded(.report(kind), message: message)]
        } catch {
            return [.operationFailed(.report(kind), reason: "\(error)")]
        }
    }

    private func tillReport(_ kind: ReportKind, by: OperatorID, shift: Shift?, counted: Money? = nil) throws -> TillReport {
        let to = now()
        let from: Date
        if let shift { from = shift.openedAt } else { from = try store.lastShift()?.closedAt ?? Date(timeIntervalSince1970: 0) }
        let end = to.addingTimeInterval(0.001)
        return TillReport(kind: kind, standID: store.standID, from: from, to: to, sales: try store.sales(from: from, to: end),
                          refunds: try store.refunds(from: from, to: end), float: shift?.float, counted: counted,
                          currency: terminal.pricer.catalog.currency, timeZone: receiptFormat.timeZone, printedBy: by)
    }

    /// With the Z report the card terminal closes its day too; its totals are reconciled against
    /// the stand's card sales of the report and printed. Returns the operator's summary.
    private func closeCardTerminalDay(_ report: TillReport) async -> String? {
        guard let paymentTerminal = devices.paymentTerminal else { return nil }
        let totals: TerminalTotals
        do {
            totals = try await paymentTerminal.endOfDay()
        } catch {
            logger.error("card terminal end of day failed", metadata: ["error": "\(error)"])
            return "card terminal end of day failed: \(error.summary)"
        }
        let sales: [Sale]
        do { sales = try store.sales(from: report.from, to: report.to.addingTimeInterval(0.001)) } catch {
            return "card sales unreadable: \(error)"
        }
        let reconciliation = CardReconciliation(terminal: totals, sales: sales)
        await enqueueTerminalPrintout(reconciliation.lines)
        if reconciliation.matches { return "card totals match" }
        logger.error("card totals differ", metadata: ["lines": "\(reconciliation.lines.joined(separator: " | "))"])
        return "CARD TOTALS DIFFER: see the printout"
    }

    /// The card terminal's slip of a transaction, printed on the stand's printer as it came.
    private func enqueueTerminalPrintout(_ lines: [String]) async {
        var job = EscPosEncoder()
        job.initialize(codePage: .cp858)
        for line in lines { job.line(line) }
        job.feed(lines: 3)
        job.cut(.partial)
        do { try await spooler.enqueue(saleID: nil, kind: .report, bytes: job.bytes, copyBytes: nil, isCopy: false, at: now()) } catch {
            lastFault = "Card slip not queued: \(error)"
            logger.error("card terminal slip could not be queued", metadata: ["error": "\(error)"])
        }
    }

    private func enqueueReport(_ report: TillReport) async {
        let bytes = report.escPos(paper: receiptFormat.paperWidth, timeZone: receiptFormat.timeZone)
        do { try await spooler.enqueue(saleID: nil, kind: .report, bytes: bytes, copyBytes: nil, isCopy: false, at: now()) } catch {
            lastFault = "Report not queued: \(error)"
            logger.error("report could not be queued", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Display

    private func render() async {
        let geometry = devices.display?.geometry ?? fallbackGeometry
        let frame = terminal.frame(geometry: geometry)
        if let display = devices.display, conditions[.display] == .ready, frame != lastFrame || !displayedOnce {
            displayedOnce = true
            do { try await display.show(frame) } catch {
                displayedOnce = false
                logger.warning("display failed", metadata: ["error": "\(error)"])
                await supervisor.deviceFailed(.display, error)
            }
        }
        lastFrame = frame
    }
}
