import Foundation
import StandCore
import Testing

private func price(_ items: [CartItem], _ promotions: [Promotion], coupons: [String] = [], usage: [String: Int] = [:],
                   customer: KnownCustomer? = nil, date: Date = Fixture.mondayNoon) throws -> PricedCart {
    try Fixture.pricer(promotions).price(Cart(items), context: PricingContext(date: date, couponCodes: coupons, customer: customer, couponUsage: usage))
}

@Test func everyDiscountSaysWhy() throws {
    let priced = try price([CartItem("hotdog"), CartItem("cola", quantity: 2)], [Fixture.combo, Fixture.happyHour, Fixture.welcome],
                           coupons: ["WELCOME10"], date: Fixture.mondayEvening)
    #expect(priced.discounts.map(\.reason) == [
        "Combo hot dog + cola: -20 %",
        "Happy hour Mon-Fri 17-19: -0.50 each on drinks",
        "Welcome: -10 % on the receipt (coupon WELCOME10)",
    ])
    let free = try price([CartItem("hotdog", quantity: 3)], [Fixture.threeForTwo])
    #expect(free.discounts.map(\.reason) == ["3 for 2 hot dogs: buy 2 get 1 free on hot dogs"])
    let loyal = try price([CartItem("hotdog")], [Fixture.loyalty], customer: KnownCustomer(id: "c", priorPurchases: 19))
    #expect(loyal.discounts.map(\.reason) == ["Every 10th visit: 1 x hot dogs free"])
}

@Test func discountsRecordTheirSplitOverLines() throws {
    // combo 110 over hot dog 350 / cola 200 → 70 / 40, on lines 0 and 2
    let priced = try price([CartItem("hotdog"), CartItem("fries"), CartItem("cola")], [Fixture.combo])
    let combo = try #require(priced.discounts.first)
    #expect(combo.lineIndexes == [0, 2])
    #expect(combo.allocations.map(\.cents) == [70, 40])
    #expect(priced.discountedAmount(ofLine: 0).cents == 280)
    #expect(priced.discountedAmount(ofLine: 1).cents == 250)
}

@Test func couponsAreCaseInsensitiveAndReportedAsRedeemed() throws {
    let pricer = try Fixture.pricer([Fixture.welcome])
    let priced = try pricer.price([CartItem("cola")], context: PricingContext(date: Fixture.mondayNoon, couponCodes: [" welcome10 "]))
    #expect(priced.discountTotal.cents == 20)
    #expect(pricer.redeemedCoupons(in: priced) == ["WELCOME10"])
}

@Test func couponProblemsTellTheOperatorWhatToDo() throws {
    let start = Fixture.date(day: 1, hour: 0), end = Fixture.date(day: 30, hour: 0)
    let dated = Promotion(id: "june", name: "June", kind: .receiptPercentOff(basisPoints: 500), validFrom: start, validUntil: end,
                          coupon: CouponRequirement(code: "JUNE"))
    let evening = Promotion(id: "eve", name: "Evening", kind: .receiptPercentOff(basisPoints: 500), window: Fixture.happyHourWindow,
                            coupon: CouponRequirement(code: "EVE"))
    let members = Promotion(id: "mem", name: "Members", kind: .receiptPercentOff(basisPoints: 500),
                            coupon: CouponRequirement(code: "MEM"), customerRule: .anyKnownCustomer)
    let promotions = [Fixture.welcome, dated, evening, members]
    #expect(throws: PricingError.unknownCoupon("NOPE")) { try price([CartItem("cola")], promotions, coupons: ["nope"]) }
    #expect(throws: PricingError.couponExhausted("WELCOME10", limit: 5)) {
        try price([CartItem("cola")], promotions, coupons: ["WELCOME10"], usage: ["WELCOME10": 5])
    }
    #expect(throws: PricingError.couponExpired("JUNE", until: end)) {
        try price([CartItem("cola")], promotions, coupons: ["JUNE"], date: Fixture.date(day: 30, hour: 12))
    }
    #expect(throws: PricingError.couponNotYetValid("JUNE", from: start)) {
        try price([CartItem("cola")], promotions, coupons: ["JUNE"], date: Fixture.date(day: 1, hour: 0).addingTimeInterval(-1))
    }
    #expect(throws: PricingError.couponNotApplicable("EVE", reason: "it is valid Mon-Fri 17-19")) {
        try price([CartItem("cola")], promotions, coupons: ["EVE"])
    }
    #expect(throws: PricingError.couponNotApplicable("MEM", reason: "it is for known customers only")) {
        try price([CartItem("cola")], promotions, coupons: ["MEM"])
    }
    // under the limit it applies: 4 uses of 5
    #expect(try price([CartItem("cola")], promotions, coupons: ["WELCOME10"], usage: ["WELCOME10": 4]).discountTotal.cents == 20)
    #expect(PricingError.couponExhausted("WELCOME10", limit: 5).description.contains("Continue without it"))
}

@Test func cartProblemsAreSpecific() throws {
    #expect(throws: PricingError.unknownProduct("pizza")) { try price([CartItem("pizza")], []) }
    #expect(throws: PricingError.unknownModifier("ketchup", product: "hotdog")) { try price([CartItem("hotdog", modifiers: ["ketchup"])], []) }
    #expect(throws: PricingError.invalidQuantity(0, product: "hotdog")) { try price([CartItem("hotdog", quantity: 0)], []) }
    #expect(throws: PricingError.invalidQuantity(-2, product: "hotdog")) { try price([CartItem("hotdog", quantity: -2)], []) }
    #expect(throws: PricingError.invalidQuantity(1000, product: "hotdog")) { try price([CartItem("hotdog", quantity: 1000)], []) }
    #expect(throws: PricingError.soldOut("soldout-dog", name: "Sold-out dog", substitutes: ["Hot dog"])) { try price([CartItem("soldout-dog")], []) }
    #expect(throws: PricingError.notSold("hidden-dog", name: "Old dog")) { try price([CartItem("hidden-dog")], []) }
    #expect(throws: PricingError.outsideSellingHours("breakfast", name: "Breakfast", hours: try #require(Fixture.catalog.product("breakfast")?.sellingHours))) {
        try price([CartItem("breakfast")], [])
    }
    // Monday 08:00 Berlin is breakfast time
    #expect(try price([CartItem("breakfast")], [], date: Fixture.date(day: 2, hour: 6)).total.cents == 200)
    let soldOut = PricingError.soldOut("soldout-dog", name: "Sold-out dog", substitutes: ["Hot dog"]).description
    #expect(soldOut == "Sold-out dog is sold out. Offer Hot dog instead, or remove it from the sale.")
}

@Test func modifiersChangePriceNamesAndRecipe() throws {
    let priced = try price([CartItem("hotdog", quantity: 2, modifiers: ["cheese", "cheese"])], [])
    let line = try #require(priced.lines.first)
    #expect(line.unitPrice.cents == 450)                 // 3.50 + 2 × 0.50
    #expect(line.modifiers == ["extra cheese", "extra cheese"])
    #expect(line.recipe == [RecipeComponent("bun", 1), RecipeComponent("sausage", 1), RecipeComponent("cheese-slice", 2)])
    #expect(line.amount.cents == 900)
}

@Test(arguments: [
    (Promotion(id: "p", name: "P", kind: .percentOff(on: .category("drinks"), basisPoints: 0)), "percentage"),
    (Promotion(id: "p", name: "P", kind: .percentOff(on: .category("drinks"), basisPoints: 12_000)), "percentage"),
    (Promotion(id: "p", name: "P", kind: .amountOff(on: .products("ghost"), perUnit: Fixture.eur(10))), "no product \"ghost\""),
    (Promotion(id: "p", name: "P", kind: .amountOff(on: ProductSelector(), perUnit: Fixture.eur(10))), "names no products"),
    (Promotion(id: "p", name: "P", kind: .receiptAmountOff(amount: Money(cents: 10, .usd))), "currency"),
    (Promotion(id: "p", name: "P", kind: .receiptAmountOff(amount: Fixture.eur(0))), "positive"),
    (Promotion(id: "p", name: "P", kind: .combo(of: [.products("cola")], price: .percentOff(basisPoints: 100))), "at least two"),
    (Promotion(id: "p", name: "P", kind: .buyXGetY(on: .products("cola"), buy: 0, get: 1, basisPoints: 10_000)), "at least 1"),
    (Promotion(id: "p", name: "P", kind: .percentOff(on: .products("cola"), basisPoints: 100, maxUnits: 0)), "maxUnits"),
    (Promotion(id: "p", name: "P", kind: .receiptPercentOff(basisPoints: 100), validFrom: Fixture.mondayNoon, validUntil: Fixture.mondayNoon), "ends before"),
    (Promotion(id: "p", name: "P", kind: .receiptPercentOff(basisPoints: 100), customerRule: .everyNthPurchase(n: 0)), "Nth"),
] as [(Promotion, String)])
func invalidPromotionsAreRejectedUpFront(_ promotion: Promotion, _ problem: String) {
    do {
        _ = try Fixture.pricer([promotion])
        Issue.record("expected \(promotion.kind) to be rejected")
    } catch {
        #expect(error.description.contains(problem), "\(error)")
    }
}

@Test func duplicateIDsAndCouponCodesAreRejected() {
    #expect(throws: PricingError.invalidPromotion("combo", problem: "another promotion has the same id")) {
        try Fixture.pricer([Fixture.combo, Fixture.combo])
    }
    let again = Promotion(id: "z", name: "Z", kind: .receiptPercentOff(basisPoints: 100), coupon: CouponRequirement(code: "welcome10"))
    #expect(throws: PricingError.invalidPromotion("z", problem: "coupon code WELCOME10 is also used by promotion \"welcome10\"")) {
        try Fixture.pricer([Fixture.welcome, again])
    }
}

@Test func promotionOrderDoesNotMatter() throws {
    let all = [Fixture.combo, Fixture.threeForTwo, Fixture.happyHour, Fixture.welcome, Fixture.five, Fixture.loyalty,
               Fixture.drinks10, Fixture.secondDrinkHalf, Fixture.aDrinks, Fixture.bDrinks]
    let cart = Cart([CartItem("hotdog", quantity: 4), CartItem("chili"), CartItem("cola", quantity: 3), CartItem("water")])
    let context = PricingContext(date: Fixture.mondayEvening, couponCodes: ["WELCOME10"], customer: KnownCustomer(id: "c", priorPurchases: 9))
    let reference = try Fixture.pricer(all).price(cart, context: context)
    #expect(reference.discountTotal.cents > 0)
    for shift in 1..<all.count {
        let rotated = Array(all[shift...] + all[..<shift])
        #expect(try Fixture.pricer(rotated).price(cart, context: context) == reference)
        #expect(try Fixture.pricer(rotated.reversed()).price(cart, context: context) == reference)
    }
}

@Test func manyPromotionsFallBackToGreedyByPriority() throws {
    // 14 combinable promotions (more than the exhaustive limit of 12): each 0.10 off one product
    // id, so every one of them applies, each to its own cola unit.
    let promotions = (0..<14).map { index in
        Promotion(id: PromotionID("p\(index < 10 ? "0" : "")\(index)"), name: "P\(index)",
                  kind: .amountOff(on: .products("cola"), perUnit: Fixture.eur(10), maxUnits: 1), priority: index)
    }
    let priced = try price([CartItem("cola", quantity: 14)], promotions)
    #expect(priced.discountTotal.cents == 140)
    #expect(priced.discounts.map(\.promotionID) == (0..<14).reversed().map { "p\($0 < 10 ? "0" : "")\($0)" })
}

@Test func localAndCompanyPromotionsCombine() throws {
    let local = Promotion(id: "rainy-day", name: "Rainy day", kind: .amountOff(on: .products("fries"), perUnit: Fixture.eur(30)), source: .local)
    let priced = try price([CartItem("hotdog"), CartItem("cola"), CartItem("fries")], [Fixture.combo, local])
    #expect(priced.discounts.map(\.promotionID) == ["combo", "rainy-day"])
    #expect(priced.discountTotal.cents == 140)   // 110 + 30
}

@Test func promotionsLoadFromJSON() throws {
    let json = """
    [{"id": "hh", "name": "Happy hour", "priority": 5,
      "kind": {"amountOff": {"on": {"categories": ["drinks"]}, "perUnit": {"cents": 50, "currency": {"code": "EUR", "minorUnits": 2}}}},
      "window": {"weekdays": ["mon", "tue", "wed", "thu", "fri"], "from": "17:00", "until": "19:00"},
      "validUntil": "2026-01-01T00:00:00Z"}]
    """
    let promotions = try Promotion.loadList(json: Data(json.utf8))
    #expect(promotions.count == 1)
    #expect(promotions.first?.window == Fixture.happyHourWindow)
    #expect(promotions.first?.exclusivity == .combinable && promotions.first?.source == .company)
    #expect(throws: CatalogError.self) { try Promotion.loadList(json: Data(#"[{"id": "x"}]"#.utf8)) }
}
