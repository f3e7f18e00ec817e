import Foundation
import StandCore
import Testing
@testable import StandStore

@Suite struct StandStoreRefundTests {
    @Test(arguments: StoreKind.allCases)
    func lineRefundIsJournaledAndRestocksWhenAsked(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        try store.commit(sale)
        let refund = try Refund.make(of: sale, kind: .refund, scope: .line(index: 0, quantity: 1), previous: [],
                                     operatorID: "op-1", supervisorID: "sup-1", reason: "dropped on the floor",
                                     createdAt: Date(), restock: true)
        let entry = try store.commit(refund)
        #expect(entry.kind == .refund)
        #expect(entry.sequence == 2)
        #expect(try store.refunds(ofSale: sale.id) == [refund])
        // Hot dog line paid 7.00 − 0.37 = 6.63 for 2; one unit: 6.63 / 2 = 3.31 (rounded down).
        #expect(refund.amount == eur(331))
        let levels = Dictionary(uniqueKeysWithValues: try store.stockLevels().map { ($0.item, $0.quantity) })
        #expect(levels["bun"] == -1)
        #expect(levels["onions"] == -20)
        #expect(levels["cola-can"] == -1)
    }

    @Test(arguments: StoreKind.allCases)
    func aVoidedSaleCannotBeRefundedAgainEvenWithAStaleHistory(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        try store.commit(sale)
        let void = try Refund.make(of: sale, kind: .void, scope: .wholeSale, previous: [], operatorID: "op-1",
                                   supervisorID: "sup-1", reason: "rung twice", createdAt: Date())
        #expect(try store.commit(void).kind == .void)
        // Built from a history that did not yet contain the void (another terminal, a stale read):
        let stale = try Refund.make(of: sale, kind: .refund, scope: .line(index: 1, quantity: 1), previous: [],
                                    operatorID: "op-2", supervisorID: "sup-1", reason: "flat", createdAt: Date())
        #expect {
            try store.commit(stale)
        } throws: { error in
            guard case StoreError.rejected(.saleAlreadyVoided(let id)) = error else { return false }
            return id == sale.id
        }
        #expect(try store.refunds(ofSale: sale.id) == [void])
    }

    @Test(arguments: StoreKind.allCases)
    func refundsBeyondWhatRemainsAreRefused(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        try store.commit(sale)
        let hotdogs = try Refund.make(of: sale, kind: .refund, scope: .line(index: 0, quantity: 2), previous: [],
                                      operatorID: "op", supervisorID: "sup", reason: "cold", createdAt: Date())
        #expect(hotdogs.amount == eur(663))
        try store.commit(hotdogs)
        // 9.00 paid − 6.63 refunded = 2.37 left; a stale 3.00 refund must not pass.
        let tooMuch = try Refund.make(of: sale, kind: .refund, scope: .wholeSale, amount: eur(300), previous: [],
                                      operatorID: "op", supervisorID: "sup", reason: "still cold", createdAt: Date())
        #expect {
            try store.commit(tooMuch)
        } throws: { error in
            guard case StoreError.rejected(.refundExceedsRemaining(let requested, let remaining)) = error else { return false }
            return requested == eur(300) && remaining == eur(237)
        }
        let rest = try Refund.make(of: sale, kind: .refund, scope: .wholeSale, previous: try store.refunds(ofSale: sale.id),
                                   operatorID: "op", supervisorID: "sup", reason: "all of it", createdAt: Date())
        #expect(rest.amount == eur(237))
        try store.commit(rest)
    }

    @Test(arguments: StoreKind.allCases)
    func refundOfAnUnknownSaleIsRefused(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        let refund = try Refund.make(of: sale, kind: .refund, scope: .wholeSale, previous: [], operatorID: "op",
                                     supervisorID: "sup", reason: "x", createdAt: Date())
        #expect {
            try store.commit(refund)
        } throws: { error in
            guard case StoreError.saleNotFound(let id) = error else { return false }
            return id == sale.id
        }
        #expect(try store.journalEntries(from: 1, limit: 5).isEmpty)
    }
}
