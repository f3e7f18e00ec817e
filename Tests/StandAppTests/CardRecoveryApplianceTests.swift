import Foundation
import HardwareMocks
import StandApp
import StandCore
import StandStore
import Testing

/// A stand that died between the card approval and the sale's commit completes that sale when
/// it starts again: stored once, receipt printed, the operator told.
@Suite struct CardRecoveryApplianceTests {
    @Test func anApprovalStoredBeforeTheCrashBecomesItsSaleAtStart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("card-recovery-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let demo = try DemoStand()
        let priced = try demo.pricer.price(Cart([CartItem("hotdog")]), context: PricingContext(date: ApplianceHarness.start))
        let draft = CardSaleDraft(saleID: SaleID(), standID: "demo-stand-01", operatorID: "anna", location: nil, cart: priced,
                                  attempt: 1, startedAt: ApplianceHarness.start)
        let payment = CardPayment(amount: draft.amount, maskedPAN: try MaskedPAN("************4242"), brand: .visa,
                                  terminalReceiptNumber: "0007", traceNumber: "000107")
        do {
            let store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
            try store.beginCardAttempt(draft, at: ApplianceHarness.start)
            try store.recordCardApproved(draft.reference, payment: payment, at: ApplianceHarness.start)
        }

        let stand = try await ApplianceHarness(directory: directory)
        defer { Task { await stand.stop() } }
        #expect(await eventually { (try? stand.store.sale(id: draft.saleID)) != nil })
        let sale = try #require(try stand.store.sale(id: draft.saleID))
        #expect(sale.tenders == [.card(payment)])
        #expect(try stand.store.openCardAttempts().isEmpty)
        #expect(await eventually { stand.printer.receipts.count == 1 })
        #expect(stand.printer.lastReceipt?.text.contains("4242") == true)
        #expect(stand.cardTerminal.requests.isEmpty)
    }
}
