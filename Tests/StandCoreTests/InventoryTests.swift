import Foundation
import StandCore
import Testing

@Suite struct InventoryTests {
    private let now = Date(timeIntervalSince1970: 1_750_000_000)

    @Test func saleDeductionIsRecipeTimesQuantityPerItem() throws {
        let lines = [
            PricedLine(productID: "hotdog", name: "Hot dog", quantity: 3, unitPrice: Money(cents: 300, .eur), modifiers: [],
                       taxClass: "food", recipe: [RecipeComponent("bun", 1), RecipeComponent("onions", 20)]),
            PricedLine(productID: "double", name: "Double dog", quantity: 2, unitPrice: Money(cents: 500, .eur), modifiers: [],
                       taxClass: "food", recipe: [RecipeComponent("bun", 1), RecipeComponent("sausage", 2)]),
        ]
        let cart = PricedCart(currency: .eur, taxMode: .inclusive, lines: lines, discounts: [], taxes: [])
        let sale = try Sale.make(standID: "s", operatorID: "o", createdAt: now, cart: cart, tenders: [.cash(given: Money(cents: 1900, .eur))])
        let movements = InventoryMovement.deductions(for: sale)
        #expect(movements.map(\.item) == ["bun", "onions", "sausage"])
        #expect(movements.map(\.delta) == [-5, -60, -4])
        #expect(movements.allSatisfy { $0.kind == .saleDeduction(sale.id) })
    }

    @Test func levelsFoldMovementsAndCountsSetAbsoluteLevels() throws {
        var ledger = InventoryLedger([
            try .delivery(item: "bun", quantity: 100, reference: "DN-1", at: now),
            try .waste(item: "bun", quantity: 4, reason: "dropped", at: now),
        ])
        #expect(ledger.level(of: "bun") == 96)
        let count = try InventoryMovement.countCorrection(item: "bun", counted: 90, currentLevel: ledger.level(of: "bun"), at: now)
        #expect(count.delta == -6)
        ledger.apply(count)
        #expect(ledger.level(of: "bun") == 90)
        let recount = try InventoryMovement.countCorrection(item: "bun", counted: 95, currentLevel: 90, at: now)
        #expect(recount.delta == 5)
        #expect(ledger.level(of: "mustard") == 0)
    }

    @Test func lowStockListsItemsAtOrBelowThreshold() {
        let levels: [InventoryItemID: Int64] = ["bun": 10, "sausage": 11, "onions": 500]
        let thresholds: [InventoryItemID: Int64] = ["bun": 10, "sausage": 10, "mustard": 1]
        #expect(InventoryLedger.lowStock(levels: levels, thresholds: thresholds).map(\.item) == ["bun", "mustard"])
        let all = InventoryLedger.stockLevels(levels: levels, thresholds: thresholds)
        #expect(all.map(\.item) == ["bun", "mustard", "onions", "sausage"])
        #expect(all.first { $0.item == "onions" }?.isLow == false)
    }

    @Test func invalidMovementsAreRefused() {
        #expect(throws: InventoryError.nonPositiveQuantity(item: "bun", quantity: 0)) { try InventoryMovement.delivery(item: "bun", quantity: 0, reference: "", at: now) }
        #expect(throws: InventoryError.nonPositiveQuantity(item: "bun", quantity: -3)) { try InventoryMovement.waste(item: "bun", quantity: -3, reason: "x", at: now) }
        #expect(throws: InventoryError.missingWasteReason(item: "bun")) { try InventoryMovement.waste(item: "bun", quantity: 3, reason: "", at: now) }
        #expect(throws: InventoryError.negativeCount(item: "bun", counted: -1)) { try InventoryMovement.countCorrection(item: "bun", counted: -1, currentLevel: 0, at: now) }
    }

    @Test func decodingRefusesASignThatDoesNotFitTheKind() throws {
        let delivery = try JournalPayload.encode(try InventoryMovement.delivery(item: "bun", quantity: 5, reference: "DN", at: now))
        #expect(try JournalPayload.decode(InventoryMovement.self, from: delivery).delta == 5)
        #expect(throws: InventoryError.self) {
            try JournalPayload.decode(InventoryMovement.self, from: delivery.replacingOccurrences(of: "\"delta\":5", with: "\"delta\":-5"))
        }
    }
}
