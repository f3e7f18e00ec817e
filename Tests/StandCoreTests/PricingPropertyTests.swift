import Foundation
import PropertyBased
import StandCore
import Testing

/// Random carts over the fixture's sellable products, random subsets of a pool of promotions,
/// both tax modes, both tax roundings, every rounding rule.
private let sellable: [ProductID] = ["hotdog", "chili", "cola", "water", "fries", "gum", "candy"]

private let cartGen = zip(Gen.int(in: 0...6), Gen.int(in: 1...6), Gen.bool)
    .map { index, quantity, cheese in
        CartItem(sellable[index], quantity: quantity, modifiers: cheese && index == 0 ? ["cheese"] : [])
    }
    .array(of: 0...7)

/// (bit mask over the pool, random basis points, random cents)
private let promotionGen = zip(Gen.int(in: 0...((1 << 13) - 1)), Gen.int(in: 1...10_000), Gen.int(in: 1...900))

/// (tax mode, tax rounding, rounding rule, happy hour?, customer's prior purchases, staff?)
private let settingsGen = zip(Gen.bool, Gen.bool, Gen.int(in: 0...3).map { RoundingRule.allCases[$0] }, Gen.bool, Gen.int(in: 0...20), Gen.bool)

private func pool(basisPoints: Int, cents: Int) -> [Promotion] {
    [
        Fixture.combo, Fixture.comboFixed, Fixture.threeForTwo, Fixture.secondDrinkHalf, Fixture.drinks10,
        Fixture.snacksEuroOff, Fixture.happyHour, Fixture.welcome, Fixture.five, Fixture.loyalty, Fixture.aDrinks,
        Promotion(id: "random-dogs", name: "Random", kind: .percentOff(on: Fixture.hotDogs, basisPoints: basisPoints), priority: 3),
        Fixture.staff(basisPoints),
        Promotion(id: "random-bundle", name: "Bundle",
                  kind: .combo(of: [.category("sides"), .category("drinks")], price: .fixedPrice(amount: Fixture.eur(Int64(cents))))),
    ]
}

private struct Scenario {
    let cart: Cart
    let promotions: [Promotion]
    let settings: PricingSettings
    let context: PricingContext

    init(_ items: [CartItem], _ promotionInput: (Int, Int, Int), _ settingsInput: (Bool, Bool, RoundingRule, Bool, Int, Bool)) {
        let (mask, basisPoints, cents) = promotionInput
        let (inclusive, perLine, rule, evening, prior, staff) = settingsInput
        cart = Cart(items)
        promotions = pool(basisPoints: basisPoints, cents: cents).enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
        settings = Fixture.settings(inclusive ? .inclusive : .exclusive, perLine ? .perLine : .perReceipt, rule)
        context = PricingContext(date: evening ? Fixture.mondayEvening : Fixture.mondayNoon,
                                 couponCodes: promotions.compactMap(\.coupon?.code),
                                 customer: KnownCustomer(id: staff ? "staff-1" : "c-1", priorPurchases: prior))
    }

    func price(with promotions: [Promotion]? = nil) throws -> PricedCart {
        let chosen = promotions ?? self.promotions
        var context = self.context
        context.couponCodes = chosen.compactMap(\.coupon?.code)
        return try Fixture.pricer(chosen, settings).price(cart, context: context)
    }
}

@Test func totalsAddUpToTheCent() async {
    await propertyCheck(count: 300, input: cartGen, promotionGen, settingsGen) { items, promotionInput, settingsInput in
        let scenario = Scenario(items, promotionInput, settingsInput)
        let priced = try scenario.price()
        let currency = priced.currency
        let afterDiscounts = priced.subtotal - priced.discountTotal
        // the lines after their share of every discount add up to subtotal − discounts
        #expect(Money.sum(priced.lines.indices.map(priced.discountedAmount(ofLine:)), currency) == afterDiscounts)
        switch priced.taxMode {
        case .exclusive:
            #expect(priced.total == afterDiscounts + priced.taxTotal)
            #expect(Money.sum(priced.taxes.map(\.base), currency) == afterDiscounts)
        case .inclusive:
            #expect(priced.total == afterDiscounts)
            #expect(Money.sum(priced.taxes.map { $0.base + $0.amount }, currency) == afterDiscounts)
        }
        #expect(!priced.total.isNegative)
        #expect(priced.taxes.allSatisfy { !$0.amount.isNegative && !$0.base.isNegative })
    }
}

@Test func discountsNeverExceedWhatTheyApplyTo() async {
    await propertyCheck(count: 300, input: cartGen, promotionGen, settingsGen) { items, promotionInput, settingsInput in
        let priced = try Scenario(items, promotionInput, settingsInput).price()
        for discount in priced.discounts {
            #expect(discount.amount.cents > 0)
            #expect(discount.lineIndexes.count == discount.allocations.count)
            #expect(Money.sum(discount.allocations, priced.currency) == discount.amount)   // allocations sum exactly
            #expect(Set(discount.lineIndexes).count == discount.lineIndexes.count)
            for (line, part) in zip(discount.lineIndexes, discount.allocations) {
                #expect(!part.isNegative && part <= priced.lines[line].amount)
            }
            let applied = Money.sum(discount.lineIndexes.map { priced.lines[$0].amount }, priced.currency)
            #expect(discount.amount <= applied)
        }
        for line in priced.lines.indices {
            #expect(!priced.discountedAmount(ofLine: line).isNegative)
        }
        #expect(priced.discountTotal <= priced.subtotal)
    }
}

@Test func pricingIsDeterministicAndIgnoresPromotionOrder() async {
    await propertyCheck(count: 200, input: cartGen, promotionGen, settingsGen) { items, promotionInput, settingsInput in
        let scenario = Scenario(items, promotionInput, settingsInput)
        let reference = try scenario.price()
        #expect(try scenario.price() == reference)
        #expect(try scenario.price(with: scenario.promotions.reversed()) == reference)
        let rotated = Array(scenario.promotions.dropFirst()) + Array(scenario.promotions.prefix(1))
        #expect(try scenario.price(with: rotated) == reference)
    }
}

@Test func theChosenCombinationSavesAtLeastAsMuchAsAnySinglePromotion() async {
    await propertyCheck(count: 150, input: cartGen, promotionGen, settingsGen) { items, promotionInput, settingsInput in
        let scenario = Scenario(items, promotionInput, settingsInput)
        let best = try scenario.price().discountTotal
        for promotion in scenario.promotions {
            #expect(try scenario.price(with: [promotion]).discountTotal <= best, "\(promotion.id)")
        }
    }
}
