import Foundation
import StandCore
import Testing
@testable import StandStore

@Suite struct StandStoreInventoryTests {
    @Test(arguments: StoreKind.allCases)
    func deliveriesCountsAndWasteAreJournaledAndFoldIntoLevels(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let delivery = try store.recordDelivery(item: "bun", quantity: 100, reference: "DN-1", at: now)
        try store.commit(try cashSale())                                   // −2 buns
        let waste = try store.recordWaste(item: "bun", quantity: 5, reason: "mouldy", at: now)
        let count = try store.recordCount(item: "bun", counted: 90, at: now)  // level 93 → 90: −3
        #expect([delivery, waste, count].map(\.kind) == [.inventoryDelivery, .inventoryWaste, .inventoryCount])
        #expect(count.sequence == 4)
        let movement = try JournalPayload.decode(InventoryMovement.self, from: count.payload)
        #expect(movement.delta == -3)
        #expect(movement.kind == .countCorrection(counted: 90))
        #expect(try store.stockLevels().first { $0.item == "bun" }?.quantity == 90)
        #expect(try store.pendingOutbox(limit: 10).count == 4)
    }

    @Test(arguments: StoreKind.allCases)
    func lowStockListsItemsAtOrBelowTheirThreshold(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let now = Date()
        try store.recordDelivery(item: "bun", quantity: 10, reference: "DN", at: now)
        try store.recordDelivery(item: "sausage", quantity: 50, reference: "DN", at: now)
        try store.setLowStockThreshold(10, for: "bun")
        try store.setLowStockThreshold(20, for: "sausage")
        try store.setLowStockThreshold(5, for: "mustard")  // never delivered: level 0
        #expect(try store.lowStock().map(\.item) == ["bun", "mustard"])
        try store.setLowStockThreshold(nil, for: "mustard")
        try store.setLowStockThreshold(9, for: "bun")
        #expect(try store.lowStock().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func invalidMovementsAreRefusedWithoutWriting(kind: StoreKind) throws {
        let store = try kind.makeStore()
        #expect(throws: StoreError.self) { try store.recordDelivery(item: "bun", quantity: 0, reference: "DN", at: Date()) }
        #expect(throws: StoreError.self) { try store.recordWaste(item: "bun", quantity: 3, reason: "  ", at: Date()) }
        #expect(throws: StoreError.self) { try store.recordCount(item: "bun", counted: -1, at: Date()) }
        #expect(throws: StoreError.self) { try store.setLowStockThreshold(-1, for: "bun") }
        #expect(try store.journalEntries(from: 1, limit: 5).isEmpty)
    }
}
