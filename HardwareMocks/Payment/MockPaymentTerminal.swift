import StandCore
import StandHardware
import Synchronization

/// A card terminal that plays a queue of scripted outcomes (approve when the queue is empty),
/// shows the customer's prompts as `terminalPrompt` events, keeps a journal of its transactions
/// (answering `lastTransaction`, reversals and end of day from it), and counts the charges that
/// stand, so tests can prove a sale was charged exactly once.
public final class MockPaymentTerminal: PaymentTerminal, Sendable {
    private struct Ledger {
        var script: [ScriptedPaymentOutcome] = []
        var requests: [PaymentRequest] = []
        var approved: [CardPayment] = []
        var transactions: [TerminalTransaction] = []
        var reversedReceipts: Set<String> = []
        var refunds: [Money] = []
        var batchStart = 0
        var prompts: [String] = []
        var inProgress = false
        var aborted = false
        var waiter: Task<Void, any Error>?
        var nextReceipt = 1
        var processingDelay: Duration = .zero
    }

    private let core: MockDeviceCore
    private let ledger = Mutex(Ledger())
    private let clock: any Clock<Duration>
    public let capabilities = DeviceCapabilities.none

    public init(name: String = "card-terminal", clock: any Clock<Duration> = ContinuousClock()) {
        core = MockDeviceCore(kind: .paymentTerminal, model: "mock card terminal", name: name)
        self.clock = clock
    }

    // MARK: - Device

    public var identity: DeviceIdentity { core.identity }
    public var state: DeviceState { core.state }
    public func open() async throws(DeviceError) { try core.open() }
    public func claim() async throws(DeviceError) { try core.claim() }
    public func enable() async throws(DeviceError) { try core.enable() }
    public func close() async { core.close() }
    public func events() -> AsyncStream<DeviceEvent> { core.broadcaster.subscribe() }

    // MARK: - Script and observation

    /// Queues outcomes for the next authorizations, in order.
    public func enqueue(_ outcomes: ScriptedPaymentOutcome...) { ledger.withLock { $0.script += outcomes } }

    /// How long the customer takes at each step (card, PIN) of an authorization.
    public func setProcessingDelay(_ delay: Duration) { ledger.withLock { $0.processingDelay = delay } }

    /// Every authorization asked for, approved or not.
    public var requests: [PaymentRequest] { ledger.withLock { $0.requests } }

    /// The payments approved, oldest first.
    public var approvedPayments: [CardPayment] { ledger.withLock { $0.approved } }

    /// How many charges stand: approved and not reversed.
    public var chargeCount: Int {
        ledger.withLock { l in l.approved.filter { !l.reversedReceipts.contains($0.terminalReceiptNumber) }.count }
    }

    /// Receipt numbers of the payments reversed.
    public var reversedReceipts: Set<String> { ledger.withLock { $0.reversedReceipts } }

    /// Every prompt the terminal showed, oldest first.
    public var prompts: [String] { ledger.withLock { $0.prompts } }

    public func unplug() { core.unplug() }
    public func plugIn() { core.plugIn() }

    // MARK: - PaymentTerminal

    public func authorize(_ request: PaymentRequest) async throws(DeviceError) -> PaymentOutcome {
        try core.requireEnabled("take a card payment")
        let outcome = try ledger.withLock { (l) throws(DeviceError) -> ScriptedPaymentOutcome in
            guard !l.inProgress else { throw .busy(.paymentTerminal, detail: "an authorization is already in progress") }
            l.inProgress = true
            l.aborted = false
            l.requests.append(request)
            return l.script.isEmpty ? .approve() : l.script.removeFirst()
        }
        defer { ledger.withLock { $0.inProgress = false } }
        let delay = ledger.withLock { $0.processingDelay }

        switch outcome {
        case .offline:
            core.unplug()
            throw .disconnected(.paymentTerminal, detail: "scripted: terminal offline")
        case .timeout(let after):
            prompt("Insert card")
            if await wait(after) { return cancelled() }
            throw .timeout(.paymentTerminal, "authorize \(request.amount.formattedAmount)", detail: "scripted timeout")
        case .customerCancel:
            prompt("Insert card")
            if await wait(delay) { return cancelled() }
            return cancelled()
        case .decline(let code, let message):
            prompt("Insert card")
            core.send(.cardInserted)
            if await wait(delay) { return cancelled() }
            prompt("PIN entry")
            if await wait(delay) { return cancelled() }
            prompt("Declined")
            ledger.withLock {
                $0.transactions.append(TerminalTransaction(receiptNumber: nil, traceNumber: nil, amount: request.amount,
                                                           outcome: .declined(code: code, message: message)))
            }
            return .declined(code: code, message: message)
        case .approve(let brand, let lastDigits):
            return try await approve(request, brand: brand, lastDigits: lastDigits, delay: delay)
        case .approveButLoseAnswer(let brand, let lastDigits):
            _ = try await approve(request, brand: brand, lastDigits: lastDigits, delay: delay)
            throw .timeout(.paymentTerminal, "authorize \(request.amount.formattedAmount)", detail: "scripted: the approval was lost on the line")
        }
    }

    public func lastTransaction() async throws(DeviceError) -> TerminalTransaction? {
        try core.requireEnabled("repeat the last receipt")
        return ledger.withLock { $0.transactions.last }
    }

    public func reverse(_ payment: CardPayment) async throws(DeviceError) -> ReversalOutcome {
        try core.requireEnabled("reverse a payment")
        return ledger.withLock { l -> ReversalOutcome in
            guard l.approved.contains(where: { $0.terminalReceiptNumber == payment.terminalReceiptNumber }) else {
                return .refused(code: 0xB5, message: "reversal not possible: no such receipt")
            }
            guard l.reversedReceipts.insert(payment.terminalReceiptNumber).inserted else { return .alreadyReversed }
            return .reversed
        }
    }

    /// Pays `amount` back to a card; listed in `refunds`.
    public func refund(_ amount: Money) async throws(DeviceError) -> PaymentOutcome {
        try core.requireEnabled("refund")
        return ledger.withLock { l -> PaymentOutcome in
            let number = l.nextReceipt
            l.nextReceipt += 1
            l.refunds.append(amount)
            // Twelve stars and four digits always make a valid masked number.
            let pan = (try? MaskedPAN("************0000"))!
            return .approved(CardPayment(amount: amount, maskedPAN: pan, brand: .other, terminalReceiptNumber: Self.digits(number, 4),
                                         traceNumber: Self.digits(100_000 + number, 6)))
        }
    }

    /// The amounts paid back to cards.
    public var refunds: [Money] { ledger.withLock { $0.refunds } }

    public func endOfDay() async throws(DeviceError) -> TerminalTotals {
        try core.requireEnabled("close the day")
        return ledger.withLock { l -> TerminalTotals in
            let batch = l.approved.dropFirst(l.batchStart).filter { !l.reversedReceipts.contains($0.terminalReceiptNumber) }
            l.batchStart = l.approved.count
            let currency = batch.first?.amount.currency ?? .eur
            let numbers = batch.compactMap { Int($0.terminalReceiptNumber) }
            let brands = Dictionary(grouping: batch, by: \.brand).map { brand, payments in
                TerminalTotals.BrandTotal(brand: brand, count: payments.count, amount: Money.sum(payments.map(\.amount), currency))
            }.sorted { $0.brand.rawValue < $1.brand.rawValue }
            return TerminalTotals(total: Money.sum(batch.map(\.amount), currency), count: batch.count,
                                  receipts: numbers.min().flatMap { low in numbers.max().map { low...$0 } }, byBrand: brands)
        }
    }

    private func approve(_ request: PaymentRequest, brand: CardBrand, lastDigits: String, delay: Duration) async throws(DeviceError) -> PaymentOutcome {
        let pan: MaskedPAN
        do {
            pan = try MaskedPAN(String(repeating: "*", count: 12) + lastDigits)
        } catch {
            throw .invalidInput(.paymentTerminal, "the scripted card digits \(lastDigits): \(error)")
        }
        prompt("Insert card")
        core.send(.cardInserted)
        if await wait(delay) { return cancelled() }
        prompt("PIN entry")
        if await wait(delay) { return cancelled() }
        let payment = ledger.withLock { l -> CardPayment in
            let number = l.nextReceipt
            l.nextReceipt += 1
            let payment = CardPayment(amount: request.amount, maskedPAN: pan, brand: brand,
                                      terminalReceiptNumber: Self.digits(number, 4), traceNumber: Self.digits(100_000 + number, 6))
            l.approved.append(payment)
            l.transactions.append(TerminalTransaction(receiptNumber: payment.terminalReceiptNumber, traceNumber: payment.traceNumber,
                                                      amount: request.amount, outcome: .approved(payment)))
            return payment
        }
        prompt("Approved")
        return .approved(payment)
    }

    /// Stops the authorization in progress: it ends as cancelled, without a charge.
    public func abort() async {
        let waiter = ledger.withLock { l -> Task<Void, any Error>? in
            guard l.inProgress else { return nil }
            l.aborted = true
            return l.waiter
        }
        waiter?.cancel()
    }

    // MARK: - Helpers

    private func prompt(_ text: String) {
        ledger.withLock { $0.prompts.append(text) }
        core.send(.terminalPrompt(text))
    }

    private func cancelled() -> PaymentOutcome {
        prompt("Cancelled")
        return .cancelledByCustomer
    }

    /// Waits `duration` on the injected clock; returns true when aborted (or cancelled) meanwhile.
    private func wait(_ duration: Duration) async -> Bool {
        if duration > .zero {
            let clock = self.clock
            let waiter = Task { try await clock.sleep(for: duration) }
            let abortedAlready = ledger.withLock { l -> Bool in
                l.waiter = waiter
                return l.aborted
            }
            if abortedAlready { waiter.cancel() }
            await withTaskCancellationHandler {
                _ = await waiter.result
            } onCancel: {
                waiter.cancel()
            }
            ledger.withLock { $0.waiter = nil }
        }
        return ledger.withLock { $0.aborted } || Task.isCancelled
    }

    private static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}
