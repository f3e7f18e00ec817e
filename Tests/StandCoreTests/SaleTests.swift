import Foundation
import StandCore
import Testing

private func eur(_ cents: Int64) -> Money { Money(cents: cents, .eur) }
private func chf(_ cents: Int64) -> Money { Money(cents: cents, .chf) }

private func cart(_ cents: Int64..., currency: Currency = .eur, taxMode: TaxMode = .inclusive) -> PricedCart {
    PricedCart(currency: currency, taxMode: taxMode,
               lines: cents.enumerated().map { index, price in
                   PricedLine(productID: ProductID("p\(index)"), name: "P\(index)", quantity: 1, unitPrice: Money(cents: price, currency),
                              modifiers: [], taxClass: "std", recipe: [RecipeComponent("bun", 1)])
               },
               discounts: [], taxes: [])
}

private func make(_ cart: PricedCart, _ tenders: [Tender], rounding: CashRounding? = nil,
                  credit: [CreditAccountID: Money] = [:]) throws(SaleError) -> Sale {
    try Sale.make(standID: "s1", operatorID: "op", createdAt: Date(timeIntervalSince1970: 1_750_000_000.1239), cart: cart,
                  tenders: tenders, cashRounding: rounding, creditAvailable: credit)
}

private func card(_ cents: Int64, _ currency: Currency = .eur) throws -> Tender {
    .card(CardPayment(amount: Money(cents: cents, currency), maskedPAN: try MaskedPAN("******4242"), brand: .visa,
                      terminalReceiptNumber: "17", traceNumber: "000017"))
}

@Suite struct SaleTests {
    @Test func cashGivesChange() throws {
        let sale = try make(cart(350, 250), [.cash(given: eur(1000))])
        #expect(sale.change == eur(400))
        #expect(sale.cashRounding == eur(0))
        #expect(sale.amountPaid == eur(600))
    }

    @Test func createdAtKeepsWholeMilliseconds() throws {
        let sale = try make(cart(100), [.cash(given: eur(100))])
        #expect(sale.createdAt == Date(timeIntervalSince1970: 1_750_000_000.123))
    }

    /// Swiss cash rounding to 0.05, half up: the difference is recorded so tendered − change ==
    /// total + rounding.
    @Test(arguments: [
        (Int64(347), Int64(345), Int64(-2)),   // 3.47 → 3.45
        (348, 350, 2),                          // 3.48 → 3.50
        (3475, 3475, 0),                        // already a multiple
        (3473, 3475, 2),                        // 34.73 → 34.75 (half-up at .025)
        (3472, 3470, -2),
    ])
    func cashRoundingIsRecorded(total: Int64, due: Int64, difference: Int64) throws {
        let sale = try make(cart(total, currency: .chf), [.cash(given: chf(5000))], rounding: try CashRounding(increment: chf(5)))
        #expect(sale.cashRounding == chf(difference))
        #expect(sale.change == chf(5000 - due))
        #expect(sale.tendered - sale.change == sale.total + sale.cashRounding)
    }

    @Test func cashRoundingAppliesOnlyToTheCashPart() throws {
        // 10.03 total, 5.00 on card, cash part 5.03 → 5.05.
        let sale = try make(cart(1003, currency: .chf), [try card(500, .chf), .cash(given: chf(1000))],
                            rounding: try CashRounding(increment: chf(5)))
        #expect(sale.cashRounding == chf(2))
        #expect(sale.change == chf(495))
        let cardOnly = try make(cart(1003, currency: .chf), [try card(1003, .chf)], rounding: try CashRounding(increment: chf(5)))
        #expect(cardOnly.cashRounding == chf(0))
    }

    @Test func splitTenderAddsUp() throws {
        let sale = try make(cart(900), [try card(400), .appPrepaid(amount: eur(200), orderTokenID: "tok-1"),
                                        .internalCredit(account: "emp-1", amount: eur(100)), .cash(given: eur(500))],
                            credit: ["emp-1": eur(800)])
        #expect(sale.change == eur(300))
        #expect(sale.tenders.count == 4)
    }

    @Test func roundTripsThroughJSON() throws {
        let sale = try Sale.make(standID: "s1", operatorID: "op", createdAt: Date(), location: try .gps(latitude: 52.5, longitude: 13.4),
                                 cart: cart(900), tenders: [try card(400), .cash(given: eur(500))])
        #expect(try JournalPayload.decode(Sale.self, from: try JournalPayload.encode(sale)) == sale)
    }

    @Test func decodingRefusesASaleWhosePaymentsDoNotAddUp() throws {
        let sale = try make(cart(600), [.cash(given: eur(1000))])
        let tampered = try JournalPayload.encode(sale).replacingOccurrences(of: "\"change\":{\"cents\":400", with: "\"change\":{\"cents\":500")
        #expect(tampered != (try JournalPayload.encode(sale)))
        #expect(throws: SaleError.self) { try JournalPayload.decode(Sale.self, from: tampered) }
    }

    @Test func refusals() throws {
        #expect(throws: SaleError.emptyCart) { try make(cart(), [.cash(given: eur(100))]) }
        #expect(throws: SaleError.noTender) { try make(cart(100), []) }
        #expect(throws: SaleError.tendersDoNotCoverTotal(due: eur(600), tendered: eur(500))) {
            try make(cart(350, 250), [.cash(given: eur(500))])
        }
        #expect(throws: SaleError.tendersDoNotCoverTotal(due: eur(600), tendered: eur(400))) { try make(cart(600), [try card(400)]) }
        #expect(throws: SaleError.nonCashOverpayment(due: eur(600), nonCash: eur(700))) { try make(cart(600), [try card(700)]) }
        #expect(throws: SaleError.nonPositiveAmount(tenderIndex: 1, amount: eur(-100))) {
            try make(cart(600), [.cash(given: eur(700)), .cash(given: eur(-100))])
        }
        #expect(throws: SaleError.nonPositiveAmount(tenderIndex: 0, amount: eur(0))) { try make(cart(600), [try card(0), .cash(given: eur(600))]) }
        #expect(throws: SaleError.currencyMismatch(expected: .eur, found: .usd)) {
            try make(cart(600), [.cash(given: Money(cents: 600, .usd))])
        }
        #expect(throws: SaleError.insufficientCredit(account: "emp-1", available: eur(300), requested: eur(400))) {
            try make(cart(600), [.internalCredit(account: "emp-1", amount: eur(400)), .cash(given: eur(200))], credit: ["emp-1": eur(300)])
        }
        #expect(throws: SaleError.insufficientCredit(account: "emp-9", available: eur(0), requested: eur(100))) {
            try make(cart(600), [.internalCredit(account: "emp-9", amount: eur(100)), .cash(given: eur(500))])
        }
        #expect(throws: SaleError.missingReference(tenderIndex: 0, field: "order token id")) {
            try make(cart(600), [.appPrepaid(amount: eur(600), orderTokenID: " ")])
        }
    }

    @Test func aNegativeCartTotalIsRefused() throws {
        let negative = PricedCart(currency: .eur, taxMode: .inclusive, lines: cart(100).lines,
                                  discounts: [AppliedDiscount(promotionID: "bad", reason: "too generous", amount: eur(150), lineIndexes: [0])],
                                  taxes: [])
        #expect(throws: SaleError.negativeTotal(eur(-50))) { try make(negative, [.cash(given: eur(100))]) }
    }

    @Test func errorsSayWhatToDo() {
        #expect(SaleError.tendersDoNotCoverTotal(due: eur(600), tendered: eur(500)).description.contains("Take 1.00 EUR more"))
        #expect(SaleError.unmaskedCardNumber.description.contains("masked"))
    }

    @Test func locationsAreChecked() throws {
        #expect(throws: SaleError.invalidLocation(latitude: 91, longitude: 0)) { try SaleLocation.gps(latitude: 91, longitude: 0) }
        #expect(throws: SaleError.emptyLocationName) { try SaleLocation.named("  ") }
        #expect(try SaleLocation.gps(latitude: -33.856785, longitude: 151.215297).description == "gps:-33.8568,151.2153")
    }

    @Test func creditAccountsReplenishAtTheirCutoff() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let account = CreditAccount(id: "emp-1", allowance: eur(800), cutoffHour: 4, timeZone: berlin)
        // 2025-06-15 01:00 UTC is 03:00 in Berlin: still the period that began 2025-06-14 04:00 (02:00 UTC).
        let night = Date(timeIntervalSince1970: 1_749_949_200)
        #expect(account.periodStart(containing: night) == Date(timeIntervalSince1970: 1_749_866_400))
        // 2025-06-15 03:00 UTC is 05:00 in Berlin: the period began at 02:00 UTC that day.
        #expect(account.periodStart(containing: night.addingTimeInterval(7200)) == Date(timeIntervalSince1970: 1_749_952_800))
        #expect(account.available(afterSpending: eur(650)) == eur(150))
        #expect(account.available(afterSpending: eur(900)) == eur(0))
    }
}
