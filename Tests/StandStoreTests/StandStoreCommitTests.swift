import Foundation
import GRDB
import StandCore
import Testing
@testable import StandStore

@Suite struct StandStoreCommitTests {
    @Test(arguments: StoreKind.allCases)
    func commitWritesEveryPartInOneJournaledEvent(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        let entry = try store.commit(sale)
        #expect(entry.sequence == 1)
        #expect(entry.previousHash == JournalEntry.genesisHash)
        #expect(entry.kind == .sale)
        let counts = try store.read { db in
            try ["sales", "sale_lines", "sale_discounts", "sale_taxes", "sale_tenders", "journal", "outbox", "inventory_movements"]
                .map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
        }
        // 1 sale, 2 lines, 1 discount, 2 taxes, 1 tender, 1 entry, 1 outbox row, 4 items moved.
        #expect(counts == [1, 2, 1, 2, 1, 1, 1, 4])
        #expect(try store.sale(id: sale.id) == sale)
        #expect(try store.pendingOutbox(limit: 10) == [entry])
    }

    @Test(arguments: StoreKind.allCases)
    func saleDeductsRecipeTimesQuantity(kind: StoreKind) throws {
        let store = try kind.makeStore()
        try store.commit(try cashSale())
        let levels = Dictionary(uniqueKeysWithValues: try store.stockLevels().map { ($0.item, $0.quantity) })
        #expect(levels == ["bun": -2, "sausage": -2, "onions": -40, "cola-can": -1])
    }

    @Test(arguments: StoreKind.allCases)
    func recommittingTheSameSaleReturnsTheStoredEntry(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        let first = try store.commit(sale)
        let again = try store.commit(sale)
        #expect(again == first)
        #expect(try store.journalEntries(from: 1, limit: 10).count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func aDifferentSaleUnderAStoredIDIsRefused(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        try store.commit(sale)
        let impostor = try Sale.make(id: sale.id, standID: testStand, operatorID: "op-2", createdAt: Date(), cart: comboCart,
                                     tenders: [.cash(given: eur(900))])
        #expect {
            try store.commit(impostor)
        } throws: { error in
            guard case StoreError.duplicateSale(let id) = error else { return false }
            return id == sale.id
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anotherStandsSaleIsRefused(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let foreign = try Sale.make(standID: "other-stand", operatorID: "op", createdAt: Date(), cart: comboCart,
                                    tenders: [.cash(given: eur(900))])
        #expect(throws: StoreError.self) { try store.commit(foreign) }
        #expect(try store.journalEntries(from: 1, limit: 10).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func salesByTimeRangeAreHalfOpenAndOrdered(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let base = Date(timeIntervalSince1970: 1_750_000_000)
        let sales = try (0..<4).map { try cashSale(at: base.addingTimeInterval(Double($0) * 3600)) }
        for sale in sales.reversed() { try store.commit(sale) }
        let found = try store.sales(from: base.addingTimeInterval(3600), to: base.addingTimeInterval(3 * 3600))
        #expect(found.map(\.id) == [sales[1].id, sales[2].id])
    }

    @Test(arguments: StoreKind.allCases)
    func cardTendersKeepOnlyTheMaskedNumber(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let card = CardPayment(amount: comboCart.total, maskedPAN: try MaskedPAN("492000******1234"), brand: .visa,
                               terminalReceiptNumber: "0042", traceNumber: "000815")
        let sale = try Sale.make(standID: testStand, operatorID: "op-1", createdAt: Date(), cart: comboCart, tenders: [.card(card)])
        try store.commit(sale)
        let row = try store.read { db in try Row.fetchOne(db, sql: "SELECT masked_pan, card_brand, trace_number FROM sale_tenders") }
        #expect(row?["masked_pan"] == "492000******1234")
        #expect(row?["card_brand"] == "visa")
        #expect(row?["trace_number"] == "000815")
        #expect(try store.sale(id: sale.id)?.tenders == [.card(card)])
    }

    @Test(arguments: StoreKind.allCases)
    func outboxIsOrderedLimitedAndAcknowledgedUpToASequence(kind: StoreKind) throws {
        let store = try kind.makeStore()
        for _ in 0..<5 { try store.commit(try cashSale()) }
        #expect(try store.pendingOutbox(limit: 3).map(\.sequence) == [1, 2, 3])
        try store.acknowledgeOutbox(through: 3, at: Date())
        #expect(try store.pendingOutbox(limit: 10).map(\.sequence) == [4, 5])
        try store.acknowledgeOutbox(through: 5, at: Date())
        #expect(try store.pendingOutbox(limit: 10).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func creditChargedSumsTheAccountsTendersSinceADate(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        for offset in [-60.0, 60, 120] {
            let sale = try Sale.make(standID: testStand, operatorID: "op", createdAt: start.addingTimeInterval(offset), cart: comboCart,
                                     tenders: [.internalCredit(account: "emp-7", amount: eur(300)), .cash(given: eur(600))],
                                     creditAvailable: ["emp-7": eur(800)])
            try store.commit(sale)
        }
        #expect(try store.creditCharged(to: "emp-7", since: start, currency: .eur) == eur(600))
        #expect(try store.creditCharged(to: "emp-8", since: start, currency: .eur) == eur(0))
    }
}
