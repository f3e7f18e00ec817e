import Foundation
import StandCore
import Testing

private func eur(_ cents: Int64) -> Money { Money(cents: cents, .eur) }

@Suite struct ReportTests {
    private func line(_ id: ProductID, _ quantity: Int, _ price: Int64, _ taxClass: TaxClassID) -> PricedLine {
        PricedLine(productID: id, name: id.rawValue, quantity: quantity, unitPrice: eur(price), modifiers: [], taxClass: taxClass, recipe: [])
    }

    /// Tax-exclusive: 2 × 3.00 food + 1.99 drink = 7.99, 0.50 off everything, 8.875 % tax on
    /// 7.49 = 0.66 (hand: 7.49 × 0.08875 = 0.6647; the rate field is only carried, not recomputed). Discount split 6.00 : 1.99 → 0.38 / 0.12
    /// (0.3754 / 0.1245; the leftover cent to the larger remainder, food). Tax split 5.62 : 1.87 → 0.50 / 0.16.
    @Test func lineFiguresAddUpToTheCartInExclusiveMode() {
        let cart = PricedCart(currency: .eur, taxMode: .exclusive, lines: [line("dog", 2, 300, "all"), line("soda", 1, 199, "all")],
                              discounts: [AppliedDiscount(promotionID: "x", reason: "r", amount: eur(50), lineIndexes: [0, 1])],
                              taxes: [TaxLine(taxClass: "all", rateBasisPoints: 888, base: eur(749), amount: eur(66))])
        let figures = SaleLineFigures.allocate(cart)
        #expect(figures.map(\.discount) == [eur(38), eur(12)])
        #expect(figures.map(\.tax) == [eur(50), eur(16)])
        #expect(figures.map(\.net) == [eur(562), eur(187)])
        #expect(figures.map(\.paid) == [eur(612), eur(203)])
        #expect(Money.sum(figures.map(\.paid), .eur) == cart.total)
    }

    @Test func pricerAllocationsAreUsedWhenRecorded() {
        let cart = PricedCart(currency: .eur, taxMode: .inclusive, lines: [line("dog", 1, 300, "food"), line("cola", 1, 200, "drinks")],
                              discounts: [AppliedDiscount(promotionID: "combo", reason: "r", amount: eur(100), lineIndexes: [0, 1],
                                                          allocations: [eur(70), eur(30)])],
                              taxes: [TaxLine(taxClass: "food", rateBasisPoints: 700, base: eur(215), amount: eur(15)),
                                      TaxLine(taxClass: "drinks", rateBasisPoints: 1900, base: eur(143), amount: eur(27))])
        let figures = SaleLineFigures.allocate(cart)
        #expect(figures.map(\.discount) == [eur(70), eur(30)])
        #expect(figures.map(\.tax) == [eur(15), eur(27)])
        #expect(figures.map(\.net) == [eur(215), eur(143)])
        #expect(Money.sum(figures.map(\.paid), .eur) == cart.total)
    }

    @Test func buildGroupsByEveryKeyWithTheSameTotals() throws {
        let cart = PricedCart(currency: .eur, taxMode: .inclusive, lines: [line("dog", 2, 300, "food"), line("cola", 1, 200, "drinks")],
                              discounts: [], taxes: [])
        let base = Date(timeIntervalSince1970: 1_750_000_000)  // 2025-06-15 15:06:40 UTC
        let sales = try [0.0, 3600, 90_000].map { offset in
            try Sale.make(standID: "s", operatorID: "o", createdAt: base.addingTimeInterval(offset),
                          location: offset == 0 ? .spot("Markt") : nil, cart: cart, tenders: [.cash(given: eur(800))])
        }
        let utc = try #require(TimeZone(identifier: "UTC"))
        let byDay = SalesReport.build(sales, by: .day, currency: .eur, timeZone: utc)
        #expect(byDay.rows.map(\.key) == ["2025-06-15", "2025-06-16"])
        #expect(byDay.rows.map(\.saleCount) == [2, 1])
        let byHour = SalesReport.build(sales, by: .hour, currency: .eur, timeZone: utc)
        #expect(byHour.rows.map(\.key) == ["2025-06-15 15:00", "2025-06-15 16:00", "2025-06-16 16:00"])
        let byProduct = SalesReport.build(sales, by: .product, currency: .eur, timeZone: utc)
        #expect(byProduct.rows.map(\.key) == ["cola", "dog"])
        #expect(byProduct.rows.map(\.quantity) == [3, 6])
        let byLocation = SalesReport.build(sales, by: .location, currency: .eur, timeZone: utc)
        #expect(byLocation.rows.map(\.key) == ["spot:Markt", "unknown"])
        for report in [byDay, byHour, byProduct, byLocation] {
            #expect(report.totals.gross == eur(2400))
            #expect(report.totals.quantity == 9)
        }
    }
}
