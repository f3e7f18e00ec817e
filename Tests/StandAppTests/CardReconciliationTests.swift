import Foundation
import StandApp
import StandCore
import StandHardware
import Testing

/// End of day: the terminal's batch set against the stand's card sales.
@Suite struct CardReconciliationTests {
    static func sale(receipt: String) throws -> Sale {
        let demo = try DemoStand()
        let priced = try demo.pricer.price(Cart([CartItem("hotdog")]), context: PricingContext(date: Date(timeIntervalSince1970: 1_750_000_000)))
        let payment = CardPayment(amount: priced.total, maskedPAN: try MaskedPAN("************1234"), brand: .visa,
                                  terminalReceiptNumber: receipt, traceNumber: "000001")
        return try Sale.make(standID: "demo-stand-01", operatorID: "anna", createdAt: Date(timeIntervalSince1970: 1_750_000_000),
                             cart: priced, tenders: [.card(payment)])
    }

    @Test func equalTotalsMatch() throws {
        let sales = [try Self.sale(receipt: "0001"), try Self.sale(receipt: "0002")]
        let total = Money.sum(sales.map(\.total), .eur)
        let reconciliation = CardReconciliation(terminal: TerminalTotals(total: total, count: 2, receipts: 1...2, byBrand: []), sales: sales)
        #expect(reconciliation.matches)
        #expect(reconciliation.lines.last == "Card totals match")
    }

    @Test func aMismatchNamesTheSalesAndReceiptsThatDiffer() throws {
        let inBatch = try Self.sale(receipt: "0002")
        let outside = try Self.sale(receipt: "0009")
        let terminal = TerminalTotals(total: inBatch.total + inBatch.total, count: 2, receipts: 2...3, byBrand: [])
        let reconciliation = CardReconciliation(terminal: terminal, sales: [inBatch, outside])
        #expect(reconciliation.standTotal == terminal.total, "equal totals, yet the receipts differ")
        #expect(!reconciliation.matches)
        #expect(reconciliation.lines.contains { $0.hasPrefix("MISMATCH") })
        #expect(reconciliation.missingAtStand == [3])
        #expect(reconciliation.missingOnTerminal.map(\.payment.terminalReceiptNumber) == ["0009"])
        #expect(reconciliation.lines.contains("Terminal receipt 3: no sale at this stand"))
        #expect(reconciliation.lines.contains { $0.contains("receipt 0009") && $0.contains("not in the terminal's batch") })
    }
}
