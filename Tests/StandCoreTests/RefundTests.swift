import Foundation
import StandCore
import Testing

private func eur(_ cents: Int64) -> Money { Money(cents: cents, .eur) }

/// 3 hot dogs at 3.00 and a cola at 2.00, 1.00 discount on the hot dogs: paid 10.00.
private func paidSale() throws -> Sale {
    let lines = [
        PricedLine(productID: "hotdog", name: "Hot dog", quantity: 3, unitPrice: eur(300), modifiers: [], taxClass: "food",
                   recipe: [RecipeComponent("bun", 1), RecipeComponent("sausage", 1)]),
        PricedLine(productID: "cola", name: "Cola", quantity: 1, unitPrice: eur(200), modifiers: [], taxClass: "drinks",
                   recipe: [RecipeComponent("cola-can", 1)]),
    ]
    let cart = PricedCart(currency: .eur, taxMode: .inclusive, lines: lines,
                          discounts: [AppliedDiscount(promotionID: "p", reason: "r", amount: eur(100), lineIndexes: [0])], taxes: [])
    return try Sale.make(standID: "s1", operatorID: "op", createdAt: Date(), cart: cart, tenders: [.cash(given: eur(1000))])
}

private func refund(_ sale: Sale, _ scope: RefundScope, kind: RefundKind = .refund, amount: Money? = nil,
                    previous: [Refund] = [], reason: String = "customer unhappy", restock: Bool = false) throws(SaleError) -> Refund {
    try Refund.make(of: sale, kind: kind, scope: scope, amount: amount, previous: previous, operatorID: "op",
                    supervisorID: "sup-1", reason: reason, createdAt: Date(), restock: restock)
}

@Suite struct RefundTests {
    @Test func wholeSaleRefundsWhatWasPaid() throws {
        let sale = try paidSale()
        let whole = try refund(sale, .wholeSale)
        #expect(whole.amount == eur(1000))
        #expect(whole.saleID == sale.id)
        #expect(whole.supervisorID == "sup-1")
    }

    @Test func lineUnitsRefundTheirShareAndTheLastUnitTheRest() throws {
        let sale = try paidSale()
        // Hot dog line paid 9.00 − 1.00 = 8.00 for 3: one unit 2.66, the last two 5.34.
        let one = try refund(sale, .line(index: 0, quantity: 1))
        #expect(one.amount == eur(266))
        let rest = try refund(sale, .line(index: 0, quantity: 2), previous: [one])
        #expect(rest.amount == eur(534))
        #expect(throws: SaleError.lineQuantityExceeded(index: 0, requested: 1, remaining: 0)) {
            try refund(sale, .line(index: 0, quantity: 1), previous: [one, rest])
        }
        let cola = try refund(sale, .line(index: 1, quantity: 1), previous: [one, rest])
        #expect(cola.amount == eur(200))
        #expect(throws: SaleError.nothingLeftToRefund(sale.id)) { try refund(sale, .wholeSale, previous: [one, rest, cola]) }
    }

    @Test func aRefundCannotExceedWhatRemains() throws {
        let sale = try paidSale()
        let partial = try refund(sale, .wholeSale, amount: eur(0), reason: "goodwill nothing")
        #expect(partial.amount == eur(0))
        let goodwill = try refund(sale, .line(index: 1, quantity: 1), amount: eur(150))
        #expect(throws: SaleError.refundExceedsRemaining(requested: eur(900), remaining: eur(850))) {
            try refund(sale, .wholeSale, amount: eur(900), previous: [goodwill])
        }
        #expect(throws: SaleError.refundExceedsRemaining(requested: eur(201), remaining: eur(200))) {
            try refund(sale, .line(index: 1, quantity: 1), amount: eur(201))
        }
    }

    @Test func aVoidedSaleCannotBeRefundedOrVoidedAgain() throws {
        let sale = try paidSale()
        let void = try refund(sale, .wholeSale, kind: .void, reason: "rung by mistake")
        #expect(throws: SaleError.saleAlreadyVoided(sale.id)) { try refund(sale, .wholeSale, previous: [void]) }
        #expect(throws: SaleError.saleAlreadyVoided(sale.id)) { try refund(sale, .line(index: 1, quantity: 1), kind: .void, previous: [void]) }
        let concurrentVoid = try refund(sale, .wholeSale, kind: .void, reason: "rung twice")
        #expect(throws: SaleError.saleAlreadyVoided(sale.id)) { try concurrentVoid.validate(against: sale, previous: [void]) }
    }

    @Test func refusalsNameTheProblem() throws {
        let sale = try paidSale()
        #expect(throws: SaleError.missingRefundReason) { try refund(sale, .wholeSale, reason: " ") }
        #expect(throws: SaleError.noSuchLine(index: 5, lineCount: 2)) { try refund(sale, .line(index: 5, quantity: 1)) }
        #expect(throws: SaleError.lineQuantityExceeded(index: 0, requested: 4, remaining: 3)) { try refund(sale, .line(index: 0, quantity: 4)) }
        let other = try paidSale()
        let foreign = try refund(other, .wholeSale)
        #expect(throws: SaleError.refundForAnotherSale(expected: sale.id, found: other.id)) { try foreign.validate(against: sale, previous: []) }
    }

    @Test func restockingRefundsReturnTheRecipe() throws {
        let sale = try paidSale()
        let back = try refund(sale, .line(index: 0, quantity: 2), restock: true)
        let movements = InventoryMovement.returns(for: back, of: sale)
        #expect(movements.map(\.item) == ["bun", "sausage"])
        #expect(movements.map(\.delta) == [2, 2])
        #expect(movements.allSatisfy { $0.kind == .refundReturn(back.id) })
        #expect(InventoryMovement.returns(for: try refund(sale, .wholeSale), of: sale).isEmpty)
    }

    @Test func roundTripsThroughJSON() throws {
        let sale = try paidSale()
        let line = try refund(sale, .line(index: 1, quantity: 1), kind: .void)
        #expect(try JournalPayload.decode(Refund.self, from: try JournalPayload.encode(line)) == line)
    }
}
