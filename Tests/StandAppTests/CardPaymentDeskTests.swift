import Foundation
import HardwareMocks
import StandApp
import StandCore
import StandHardware
import StandStore
import Testing

/// The card desk against the mock terminal: every attempt stored before the terminal is asked,
/// every lost answer resolved from the terminal's own record, never a second charge.
@Suite struct CardPaymentDeskTests {
    let directory: String
    let store: StandStore
    let terminal = MockPaymentTerminal()
    let demo: DemoStand

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("card-desk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        demo = try DemoStand()
        try await terminal.start()
    }

    func draft(_ items: [String] = ["hotdog"], sale: SaleID = SaleID(), attempt: Int = 1) throws -> CardSaleDraft {
        let priced = try demo.pricer.price(Cart(items.map { CartItem(ProductID($0)) }), context: PricingContext(date: ApplianceHarness.start))
        return CardSaleDraft(saleID: sale, standID: "demo-stand-01", operatorID: "anna", location: nil, cart: priced,
                             attempt: attempt, startedAt: ApplianceHarness.start)
    }

    func desk() -> CardPaymentDesk { CardPaymentDesk(store: store, terminal: terminal, now: { ApplianceHarness.start }) }

    @Test func approvalIsStoredBeforeItIsReturnedAndTheSaleSettlesIt() async throws {
        let draft = try draft()
        guard case .approved(let payment) = await desk().charge(draft) else { Issue.record("not approved"); return }
        #expect(try store.cardAttempt(draft.reference)?.state == .approved)
        try store.commit(try draft.sale(paidWith: payment, completedAt: ApplianceHarness.start))
        #expect(try store.cardAttempt(draft.reference)?.state == .settled)
        #expect(try store.openCardAttempts().isEmpty)
        #expect(try store.lastTerminalReceipt() == payment.terminalReceiptNumber)
    }

    @Test func theFirstPaymentLearnsWhatTheTerminalHadBefore() async throws {
        #expect(try store.lastTerminalReceipt() == nil)
        terminal.enqueue(.decline(code: 0x05, message: "Do not honour"))
        _ = await desk().charge(try draft())
        #expect(try store.lastTerminalReceipt() == CardAttempt.noTerminalTransaction)
    }

    @Test func aTerminalThatForgotItsTransactionsGoesToASupervisor() async throws {
        try store.setLastTerminalReceipt("0042")
        let draft = try draft()
        try store.beginCardAttempt(draft, at: ApplianceHarness.start)
        let recoveries = await desk().resolveOpenAttempts()
        guard case .needsSupervisor(_, let facts) = recoveries.first else { Issue.record("\(recoveries)"); return }
        #expect(facts.contains("0042"))
    }

    @Test func declineAndCancelAreStoredAsNotCharged() async throws {
        terminal.enqueue(.decline(code: 0x05, message: "Do not honour"), .customerCancel)
        let first = try draft(), second = try draft()
        #expect(await desk().charge(first) == .declined(code: 0x05, message: "Do not honour"))
        #expect(await desk().charge(second) == .cancelledByCustomer)
        #expect(try store.cardAttempt(first.reference)?.state == .notCharged)
        #expect(try store.cardAttempt(second.reference)?.state == .notCharged)
        #expect(terminal.chargeCount == 0)
    }

    @Test func aLostApprovalIsFoundOnTheTerminalAndBecomesTheSale() async throws {
        terminal.enqueue(.approveButLoseAnswer(brand: .girocard, lastDigits: "4321"))
        let draft = try draft(["hotdog", "cola"])
        guard case .approved(let payment) = await desk().charge(draft) else { Issue.record("the lost approval was not found"); return }
        #expect(payment.maskedPAN.value.hasSuffix("4321"))
        #expect(try store.cardAttempt(draft.reference)?.state == .approved)
        #expect(terminal.chargeCount == 1)
    }

    @Test func afterACrashAPendingAttemptWithoutATerminalTransactionIsNotCharged() async throws {
        try store.setLastTerminalReceipt(CardAttempt.noTerminalTransaction)
        let draft = try draft()
        try store.beginCardAttempt(draft, at: ApplianceHarness.start)
        let recoveries = await desk().resolveOpenAttempts()
        guard case .notCharged = recoveries.first else { Issue.record("\(recoveries)"); return }
        #expect(try store.cardAttempt(draft.reference)?.state == .notCharged)
    }

    @Test func anOlderApprovalOnTheTerminalIsNotTakenForTheLostOne() async throws {
        let earlier = try draft()
        guard case .approved(let payment) = await desk().charge(earlier) else { Issue.record("not approved"); return }
        try store.commit(try earlier.sale(paidWith: payment, completedAt: ApplianceHarness.start))
        let crashed = try draft()
        try store.beginCardAttempt(crashed, at: ApplianceHarness.start)
        let recoveries = await desk().resolveOpenAttempts()
        guard case .notCharged = recoveries.first else { Issue.record("\(recoveries)"); return }
        #expect(terminal.chargeCount == 1)
    }

    @Test func afterACrashAnApprovalOnTheTerminalCompletesTheSale() async throws {
        try store.setLastTerminalReceipt(CardAttempt.noTerminalTransaction)
        let draft = try draft()
        try store.beginCardAttempt(draft, at: ApplianceHarness.start)
        _ = try await terminal.authorize(draft.paymentRequest)
        let recoveries = await desk().resolveOpenAttempts()
        guard case .complete(let attempt, let payment) = recoveries.first else { Issue.record("\(recoveries)"); return }
        #expect(attempt.reference == draft.reference)
        try store.commit(try draft.sale(paidWith: payment, completedAt: ApplianceHarness.start))
        #expect(try store.openCardAttempts().isEmpty)
        #expect(await desk().resolveOpenAttempts().isEmpty)
    }

    @Test func anApprovalWhoseSaleWasPaidInCashIsReversed() async throws {
        let draft = try draft()
        try store.beginCardAttempt(draft, at: ApplianceHarness.start)
        _ = try await terminal.authorize(draft.paymentRequest)
        try store.commit(try Sale.make(id: draft.saleID, standID: "demo-stand-01", operatorID: "anna", createdAt: ApplianceHarness.start,
                                       cart: draft.cart, tenders: [.cash(given: draft.amount)]))
        let recoveries = await desk().resolveOpenAttempts()
        guard case .reversed = recoveries.first else { Issue.record("\(recoveries)"); return }
        #expect(terminal.chargeCount == 0)
        #expect(try store.cardAttempt(draft.reference)?.state == .reversed)
    }

    @Test func anApprovalOfAnotherAmountGoesToASupervisorWithTheFacts() async throws {
        try store.setLastTerminalReceipt(CardAttempt.noTerminalTransaction)
        let draft = try draft()
        try store.beginCardAttempt(draft, at: ApplianceHarness.start)
        _ = try await terminal.authorize(PaymentRequest(amount: Money(cents: 99, .eur), reference: "elsewhere"))
        let recoveries = await desk().resolveOpenAttempts()
        guard case .needsSupervisor(_, let facts) = recoveries.first else { Issue.record("\(recoveries)"); return }
        #expect(facts.contains("0.99"))
        #expect(try store.cardAttempt(draft.reference)?.state == .supervisor)
    }

    @Test func whileTheTerminalCannotBeAskedNoNewCardPaymentStarts() async throws {
        let crashed = try draft()
        try store.beginCardAttempt(crashed, at: ApplianceHarness.start)
        terminal.unplug()
        let result = await desk().charge(try draft())
        guard case .failed(let reason) = result else { Issue.record("\(result)"); return }
        #expect(reason.contains("not resolved"))
        #expect(terminal.requests.isEmpty)
        #expect(try store.openCardAttempts().map(\.reference) == [crashed.reference])
    }

    @Test func theStoreRefusesASecondAttemptWhileOneIsPending() async throws {
        try store.beginCardAttempt(try draft(), at: ApplianceHarness.start)
        #expect(throws: StoreError.self) { try store.beginCardAttempt(try draft(), at: ApplianceHarness.start) }
    }
}
