import Foundation
import StandCore
import Testing

/// One hand-computed pricing case. Amounts are in cents.
struct PricingCase: Sendable, CustomTestStringConvertible {
    let name: String
    let items: [CartItem]
    var promotions: [Promotion] = []
    var settings = Fixture.settings()
    var date = Fixture.mondayNoon
    var coupons: [String] = []
    var customer: KnownCustomer? = nil
    let subtotal: Int64
    let discount: Int64
    let tax: Int64
    let total: Int64
    /// Ids of the promotions expected to apply, in output order.
    var applied: [String] = []

    var testDescription: String { name }
}

private func item(_ id: ProductID, _ quantity: Int = 1, _ modifiers: [ModifierID] = []) -> CartItem {
    CartItem(id, quantity: quantity, modifiers: modifiers)
}

private let incl = Fixture.settings(.inclusive, .perReceipt)
private let inclLine = Fixture.settings(.inclusive, .perLine)
private let excl = Fixture.settings(.exclusive, .perReceipt)
private let exclLine = Fixture.settings(.exclusive, .perLine)
private let tenth = KnownCustomer(id: "c-1", priorPurchases: 9)
private let ninth = KnownCustomer(id: "c-1", priorPurchases: 8)
private let staffer = KnownCustomer(id: "staff-1", priorPurchases: 3)

// Inclusive tax contained = gross × r / (10000 + r): 7 % → × 700/10700, 19 % → × 1900/11900.
// Exclusive tax = net × r / 10000.
let pricingCases: [PricingCase] = [
    // --- no promotion: tax modes and rounding rules ---
    // 350 × 700/10700 = 22.90 → 23; total = 350
    PricingCase(name: "hot dog, inclusive", items: [item("hotdog")], settings: incl, subtotal: 350, discount: 0, tax: 23, total: 350),
    // 350 × 7 % = 24.5 → half-up 25; total = 375
    PricingCase(name: "hot dog, exclusive half-up", items: [item("hotdog")], settings: excl, subtotal: 350, discount: 0, tax: 25, total: 375),
    // 24.5 → half-even 24 (24 is even); total = 374
    PricingCase(name: "hot dog, exclusive half-even", items: [item("hotdog")], settings: Fixture.settings(.exclusive, .perReceipt, .halfEven),
                subtotal: 350, discount: 0, tax: 24, total: 374),
    // 24.5 → down 24; total = 374
    PricingCase(name: "hot dog, exclusive round down", items: [item("hotdog")], settings: Fixture.settings(.exclusive, .perReceipt, .down),
                subtotal: 350, discount: 0, tax: 24, total: 374),
    // 250 × 7 % = 17.5 → half-even 18 (17 is odd); total = 268
    PricingCase(name: "fries, exclusive half-even rounds to even up", items: [item("fries")], settings: Fixture.settings(.exclusive, .perReceipt, .halfEven),
                subtotal: 250, discount: 0, tax: 18, total: 268),
    // 200 × 1900/11900 = 31.93 → 32; total = 200
    PricingCase(name: "cola, inclusive", items: [item("cola")], settings: incl, subtotal: 200, discount: 0, tax: 32, total: 200),
    // 200 × 19 % = 38; total = 238
    PricingCase(name: "cola, exclusive", items: [item("cola")], settings: excl, subtotal: 200, discount: 0, tax: 38, total: 238),
    // reduced 23 + standard 32 = 55; total = 550
    PricingCase(name: "two rates, inclusive", items: [item("hotdog"), item("cola")], settings: incl, subtotal: 550, discount: 0, tax: 55, total: 550),
    // reduced 24.5 → 25, standard 38 → 63; total = 613
    PricingCase(name: "two rates, exclusive", items: [item("hotdog"), item("cola")], settings: excl, subtotal: 550, discount: 0, tax: 63, total: 613),
    // three lines of 10 at 7 %: per line 0.7 → 1 each = 3; total = 33
    PricingCase(name: "3 candy lines, exclusive per line", items: [item("candy"), item("candy"), item("candy")], settings: exclLine,
                subtotal: 30, discount: 0, tax: 3, total: 33),
    // per receipt 30 × 7 % = 2.1 → 2; total = 32
    PricingCase(name: "3 candy lines, exclusive per receipt", items: [item("candy"), item("candy"), item("candy")], settings: excl,
                subtotal: 30, discount: 0, tax: 2, total: 32),
    // one line of 3 candies is one line: 30 × 7 % = 2.1 → 2; total = 32
    PricingCase(name: "candy x3 in one line, exclusive per line", items: [item("candy", 3)], settings: exclLine,
                subtotal: 30, discount: 0, tax: 2, total: 32),
    // per line 10 × 700/10700 = 0.65 → 1 each = 3; total = 30
    PricingCase(name: "3 candy lines, inclusive per line", items: [item("candy"), item("candy"), item("candy")], settings: inclLine,
                subtotal: 30, discount: 0, tax: 3, total: 30),
    // per receipt 30 × 700/10700 = 1.96 → 2; total = 30
    PricingCase(name: "3 candy lines, inclusive per receipt", items: [item("candy"), item("candy"), item("candy")], settings: incl,
                subtotal: 30, discount: 0, tax: 2, total: 30),
    // five lines of 99 at 19 %: per line 18.81 → 19 each = 95; total = 590
    PricingCase(name: "5 gum lines, exclusive per line", items: Array(repeating: item("gum"), count: 5), settings: exclLine,
                subtotal: 495, discount: 0, tax: 95, total: 590),
    // per receipt 495 × 19 % = 94.05 → 94; total = 589
    PricingCase(name: "5 gum lines, exclusive per receipt", items: Array(repeating: item("gum"), count: 5), settings: excl,
                subtotal: 495, discount: 0, tax: 94, total: 589),
    // per line 99 × 1900/11900 = 15.81 → 16 each = 80; total = 495
    PricingCase(name: "5 gum lines, inclusive per line", items: Array(repeating: item("gum"), count: 5), settings: inclLine,
                subtotal: 495, discount: 0, tax: 80, total: 495),
    // per receipt 495 × 1900/11900 = 79.03 → 79; total = 495
    PricingCase(name: "5 gum lines, inclusive per receipt", items: Array(repeating: item("gum"), count: 5), settings: incl,
                subtotal: 495, discount: 0, tax: 79, total: 495),
    // (350 + 50 cheese) × 2 = 800; 800 × 700/10700 = 52.34 → 52
    PricingCase(name: "modifier extra cheese", items: [item("hotdog", 2, ["cheese"])], settings: incl, subtotal: 800, discount: 0, tax: 52, total: 800),

    // --- combo ---
    // 20 % of (350 + 200) = 110, split 70 / 40 → 280, 160; 280 → 18.32 → 18, 160 → 25.55 → 26; total = 440
    PricingCase(name: "combo 20 %, inclusive", items: [item("hotdog"), item("cola")], promotions: [Fixture.combo], settings: incl,
                subtotal: 550, discount: 110, tax: 44, total: 440, applied: ["combo"]),
    // nets 280, 160: 19.6 → 20, 30.4 → 30; total = 550 − 110 + 50 = 490
    PricingCase(name: "combo 20 %, exclusive", items: [item("hotdog"), item("cola")], promotions: [Fixture.combo], settings: excl,
                subtotal: 550, discount: 110, tax: 50, total: 490, applied: ["combo"]),
    // one set only: 110 (70 on the hot dog line) → 630 → 41.21 → 41, 160 → 26; total = 790
    PricingCase(name: "combo once for 2 hot dogs + 1 cola", items: [item("hotdog", 2), item("cola")], promotions: [Fixture.combo], settings: incl,
                subtotal: 900, discount: 110, tax: 67, total: 790, applied: ["combo"]),
    // two sets: 20 % of 1100 = 220 → 560 (36.64 → 37), 320 (51.09 → 51); total = 880
    PricingCase(name: "combo twice", items: [item("hotdog", 2), item("cola", 2)], promotions: [Fixture.combo], settings: incl,
                subtotal: 1100, discount: 220, tax: 88, total: 880, applied: ["combo"]),
    // set takes the dearest hot dog: 20 % of (420 + 200) = 124 (84 / 40);
    // reduced 350 + 336 = 686 → 44.88 → 45, standard 160 → 26; total = 970 − 124 = 846
    PricingCase(name: "combo takes the most expensive hot dog", items: [item("hotdog"), item("chili"), item("cola")], promotions: [Fixture.combo],
                settings: incl, subtotal: 970, discount: 124, tax: 71, total: 846, applied: ["combo"]),
    // bundle 5.00 for 5.50: 50 split 31.82 / 18.18 → 32 / 18 → 318 (20.80 → 21), 182 (29.06 → 29); total = 500
    PricingCase(name: "combo fixed bundle price", items: [item("hotdog"), item("cola")], promotions: [Fixture.comboFixed], settings: incl,
                subtotal: 550, discount: 50, tax: 50, total: 500, applied: ["combo-fixed"]),
    // bundle 6.00 is dearer than 5.50: nothing; tax 23 + 32
    PricingCase(name: "combo bundle dearer than the items", items: [item("hotdog"), item("cola")], promotions: [Fixture.comboFixed600], settings: incl,
                subtotal: 550, discount: 0, tax: 55, total: 550),

    // --- buy X get Y ---
    // 3 hot dogs, 1 free: 350; 700 → 45.79 → 46; total = 700
    PricingCase(name: "3 for 2", items: [item("hotdog", 3)], promotions: [Fixture.threeForTwo], settings: incl,
                subtotal: 1050, discount: 350, tax: 46, total: 700, applied: ["3for2"]),
    // 420, 350, 350 → the cheapest (350) free; reduced 770 → 50.37 → 50; total = 770
    PricingCase(name: "3 for 2, cheapest free", items: [item("hotdog", 2), item("chili")], promotions: [Fixture.threeForTwo], settings: incl,
                subtotal: 1120, discount: 350, tax: 50, total: 770, applied: ["3for2"]),
    // only 2 hot dogs: no complete group; 700 → 46
    PricingCase(name: "3 for 2 with only 2", items: [item("hotdog", 2)], promotions: [Fixture.threeForTwo], settings: incl,
                subtotal: 700, discount: 0, tax: 46, total: 700),
    // 420 420 350 | 350 350 350 → 350 + 350 free; 1540 → 100.75 → 101; total = 1540
    PricingCase(name: "3 for 2, two groups", items: [item("hotdog", 4), item("chili", 2)], promotions: [Fixture.threeForTwo], settings: incl,
                subtotal: 2240, discount: 700, tax: 101, total: 1540, applied: ["3for2"]),
    // net 700 → 49; total = 1050 − 350 + 49 = 749
    PricingCase(name: "3 for 2, exclusive per line", items: [item("hotdog", 3)], promotions: [Fixture.threeForTwo], settings: exclLine,
                subtotal: 1050, discount: 350, tax: 49, total: 749, applied: ["3for2"]),
    // second drink half price: water 150 → 75 off; standard 275 × 19 % = 52.25 → 52; total = 350 − 75 + 52 = 327
    PricingCase(name: "second drink -50 %, exclusive", items: [item("cola"), item("water")], promotions: [Fixture.secondDrinkHalf], settings: excl,
                subtotal: 350, discount: 75, tax: 52, total: 327, applied: ["drink2"]),
    // cheese dog 400 dearest; free unit is a plain 350; 750 → 49.07 → 49; total = 750
    PricingCase(name: "3 for 2 with a modifier", items: [item("hotdog", 1, ["cheese"]), item("hotdog", 2)], promotions: [Fixture.threeForTwo],
                settings: incl, subtotal: 1100, discount: 350, tax: 49, total: 750, applied: ["3for2"]),

    // --- percent and amount off ---
    // 10 % of 600 = 60; 540 → 86.22 → 86; total = 540
    PricingCase(name: "10 % off drinks", items: [item("cola", 3)], promotions: [Fixture.drinks10], settings: incl,
                subtotal: 600, discount: 60, tax: 86, total: 540, applied: ["drinks10"]),
    // 10 % of 99 = 9.9 → half-up 10; 89 → 14.21 → 14; total = 89
    PricingCase(name: "10 % of 0.99, half-up", items: [item("gum")], promotions: [Fixture.snacks10], settings: incl,
                subtotal: 99, discount: 10, tax: 14, total: 89, applied: ["snacks10"]),
    // 9.9 → down 9; 90 → 14.37 → down 14; total = 90
    PricingCase(name: "10 % of 0.99, round down", items: [item("gum")], promotions: [Fixture.snacks10], settings: Fixture.settings(.inclusive, .perReceipt, .down),
                subtotal: 99, discount: 9, tax: 14, total: 90, applied: ["snacks10"]),
    // 10 % of 495 = 49.5 → 50, 10 per line → 89 × 5; per line 14.21 → 14 × 5 = 70; total = 445
    PricingCase(name: "10 % on 5 gum lines, inclusive per line", items: Array(repeating: item("gum"), count: 5), promotions: [Fixture.snacks10],
                settings: inclLine, subtotal: 495, discount: 50, tax: 70, total: 445, applied: ["snacks10"]),
    // per receipt 445 → 71.05 → 71; total = 445
    PricingCase(name: "10 % on 5 gum lines, inclusive per receipt", items: Array(repeating: item("gum"), count: 5), promotions: [Fixture.snacks10],
                settings: incl, subtotal: 495, discount: 50, tax: 71, total: 445, applied: ["snacks10"]),
    // happy hour 0.50 off each drink: 150 + 100 = 250 → 39.92 → 40; total = 250
    PricingCase(name: "happy hour inside the window", items: [item("cola"), item("water")], promotions: [Fixture.happyHour], settings: incl,
                date: Fixture.mondayEvening, subtotal: 350, discount: 100, tax: 40, total: 250, applied: ["happy"]),
    // Monday noon: no happy hour; 350 → 55.88 → 56
    PricingCase(name: "happy hour outside the hours", items: [item("cola"), item("water")], promotions: [Fixture.happyHour], settings: incl,
                date: Fixture.mondayNoon, subtotal: 350, discount: 0, tax: 56, total: 350),
    // Saturday 18:00: not a workday
    PricingCase(name: "happy hour on a Saturday", items: [item("cola"), item("water")], promotions: [Fixture.happyHour], settings: incl,
                date: Fixture.saturdayEvening, subtotal: 350, discount: 0, tax: 56, total: 350),
    // 1.00 off a 0.10 candy is capped at 0.10 each: total 0, no tax
    PricingCase(name: "amount off capped at the price", items: [item("candy", 2)], promotions: [Fixture.snacksEuroOff], settings: incl,
                subtotal: 20, discount: 20, tax: 0, total: 0, applied: ["snacks-1"]),
    // gum 99 + candy 10 both fully off; exclusive tax on 0 = 0
    PricingCase(name: "amount off capped, exclusive", items: [item("gum"), item("candy")], promotions: [Fixture.snacksEuroOff], settings: exclLine,
                subtotal: 109, discount: 109, tax: 0, total: 0, applied: ["snacks-1"]),

    // --- receipt-level and coupons ---
    // 10 % of 550 = 55 (35 / 20) → 315 (20.61 → 21), 180 (28.74 → 29); total = 495
    PricingCase(name: "coupon WELCOME10, inclusive", items: [item("hotdog"), item("cola")], promotions: [Fixture.welcome], settings: incl,
                coupons: ["welcome10"], subtotal: 550, discount: 55, tax: 50, total: 495, applied: ["welcome10"]),
    // nets 315 (22.05 → 22), 180 (34.2 → 34); total = 550 − 55 + 56 = 551
    PricingCase(name: "coupon WELCOME10, exclusive", items: [item("hotdog"), item("cola")], promotions: [Fixture.welcome], settings: excl,
                coupons: ["WELCOME10"], subtotal: 550, discount: 55, tax: 56, total: 551, applied: ["welcome10"]),
    // coupon not entered: nothing
    PricingCase(name: "coupon promotion without the coupon", items: [item("hotdog"), item("cola")], promotions: [Fixture.welcome], settings: incl,
                subtotal: 550, discount: 0, tax: 55, total: 550),
    // combo 110 → 280, 160; then 10 % of 440 = 44 (28 / 16) → 252 (16.49 → 16), 144 (22.99 → 23); total = 396
    PricingCase(name: "combo then receipt coupon", items: [item("hotdog"), item("cola")], promotions: [Fixture.combo, Fixture.welcome], settings: incl,
                coupons: ["WELCOME10"], subtotal: 550, discount: 154, tax: 39, total: 396, applied: ["combo", "welcome10"]),
    // 5.00 off a 2.00 receipt is capped at 2.00
    PricingCase(name: "fixed receipt coupon capped", items: [item("cola")], promotions: [Fixture.five], settings: incl,
                coupons: ["FIVE"], subtotal: 200, discount: 200, tax: 0, total: 0, applied: ["five"]),
    // 500 over 350/200/250: 218.75 → 219, 125, 156.25 → 156 → nets 131, 75, 94;
    // reduced 225 × 7 % = 15.75 → 16, standard 75 × 19 % = 14.25 → 14; total = 800 − 500 + 30 = 330
    PricingCase(name: "fixed receipt coupon, exclusive", items: [item("hotdog"), item("cola"), item("fries")], promotions: [Fixture.five], settings: excl,
                coupons: ["FIVE"], subtotal: 800, discount: 500, tax: 30, total: 330, applied: ["five"]),
    // one coupon per group: 5.00 beats 10 % of 8.00; inclusive: 225 → 14.72 → 15, 75 → 11.97 → 12; total = 300
    PricingCase(name: "two coupons in one group: the better one", items: [item("hotdog"), item("cola"), item("fries")],
                promotions: [Fixture.welcome, Fixture.five], settings: incl, coupons: ["WELCOME10", "FIVE"],
                subtotal: 800, discount: 500, tax: 27, total: 300, applied: ["five"]),
    // 10 % of 30 = 3 (1 per line) → nets 9; per line 0.63 → 1 × 3 = 3; total = 30 − 3 + 3 = 30
    PricingCase(name: "receipt coupon, exclusive per line", items: [item("candy"), item("candy"), item("candy")], promotions: [Fixture.welcome],
                settings: exclLine, coupons: ["WELCOME10"], subtotal: 30, discount: 3, tax: 3, total: 30, applied: ["welcome10"]),
    // per receipt 27 × 7 % = 1.89 → 2; total = 29
    PricingCase(name: "receipt coupon, exclusive per receipt", items: [item("candy"), item("candy"), item("candy")], promotions: [Fixture.welcome],
                settings: excl, coupons: ["WELCOME10"], subtotal: 30, discount: 3, tax: 2, total: 29, applied: ["welcome10"]),

    // --- customers ---
    // 10th purchase: the dearest hot dog (chili 420) free; 350 → 23; total = 350
    PricingCase(name: "loyalty 10th purchase", items: [item("hotdog"), item("chili")], promotions: [Fixture.loyalty], settings: incl,
                customer: tenth, subtotal: 770, discount: 420, tax: 23, total: 350, applied: ["loyalty"]),
    // 9th purchase: nothing; 770 → 50.37 → 50
    PricingCase(name: "loyalty 9th purchase", items: [item("hotdog"), item("chili")], promotions: [Fixture.loyalty], settings: incl,
                customer: ninth, subtotal: 770, discount: 0, tax: 50, total: 770),
    // anonymous customer: nothing
    PricingCase(name: "loyalty without a customer", items: [item("hotdog"), item("chili")], promotions: [Fixture.loyalty], settings: incl,
                subtotal: 770, discount: 0, tax: 50, total: 770),
    // exclusive staff 25 % = 137.5 → 138 loses to combo + coupon 154; as "combo then receipt coupon"
    PricingCase(name: "exclusive loses to a better combination", items: [item("hotdog"), item("cola")],
                promotions: [Fixture.combo, Fixture.welcome, Fixture.staff(2500)], settings: incl, coupons: ["WELCOME10"], customer: staffer,
                subtotal: 550, discount: 154, tax: 39, total: 396, applied: ["combo", "welcome10"]),
    // exclusive staff 40 % = 220 (140 / 80) beats 154 → 210 (13.74 → 14), 120 (19.16 → 19); total = 330
    PricingCase(name: "exclusive wins alone", items: [item("hotdog"), item("cola")],
                promotions: [Fixture.combo, Fixture.welcome, Fixture.staff(4000)], settings: incl, coupons: ["WELCOME10"], customer: staffer,
                subtotal: 550, discount: 220, tax: 33, total: 330, applied: ["staff"]),

    // --- competition between unit-level promotions ---
    // combo would take a hot dog and leave 2: 3 for 2 alone (350) beats combo (110);
    // hot dogs 700 → 46, cola 200 → 32; total = 1250 − 350 = 900
    PricingCase(name: "3 for 2 beats combo", items: [item("hotdog", 3), item("cola")], promotions: [Fixture.combo, Fixture.threeForTwo],
                settings: incl, subtotal: 1250, discount: 350, tax: 78, total: 900, applied: ["3for2"]),
    // 4 hot dogs: combo (110: 70 / 40) + 3 for 2 on the other three (350) = 460;
    // hot dogs 1400 − 420 = 980 → 64.11 → 64, cola 160 → 26; total = 1140
    PricingCase(name: "combo and 3 for 2 together", items: [item("hotdog", 4), item("cola")], promotions: [Fixture.combo, Fixture.threeForTwo],
                settings: incl, subtotal: 1600, discount: 460, tax: 90, total: 1140, applied: ["combo", "3for2"]),
    // happy hour cannot take the cola the combo took: combo 110 alone; as "combo 20 %, inclusive"
    PricingCase(name: "combo beats happy hour on the same cola", items: [item("hotdog"), item("cola")], promotions: [Fixture.happyHour, Fixture.combo],
                settings: incl, date: Fixture.mondayEvening, subtotal: 550, discount: 110, tax: 44, total: 440, applied: ["combo"]),
    // combo takes hot dog + 1 cola (110: 70 / 40), happy hour the other cola (50) = 160;
    // hot dog 280 → 18, cola line 400 − 90 = 310 → 49.50 → 49; total = 590
    PricingCase(name: "combo and happy hour on different colas", items: [item("hotdog"), item("cola", 2)],
                promotions: [Fixture.happyHour, Fixture.combo], settings: incl, date: Fixture.mondayEvening,
                subtotal: 750, discount: 160, tax: 67, total: 590, applied: ["combo", "happy"]),
    // loyalty (priority 20) and 3 for 2 tie at 350 with 3 hot dogs: the higher priority wins; 700 → 46
    PricingCase(name: "tie broken by priority", items: [item("hotdog", 3)], promotions: [Fixture.threeForTwo, Fixture.loyalty], settings: incl,
                customer: tenth, subtotal: 1050, discount: 350, tax: 46, total: 700, applied: ["loyalty"]),
    // 4 hot dogs: loyalty 1 free + 3 for 2 on the rest = 700; 700 → 46
    PricingCase(name: "loyalty and 3 for 2 together", items: [item("hotdog", 4)], promotions: [Fixture.threeForTwo, Fixture.loyalty], settings: incl,
                customer: tenth, subtotal: 1400, discount: 700, tax: 46, total: 700, applied: ["loyalty", "3for2"]),
    // 10 % of cola = 20 and 0.20 off cola = 20 tie at equal priority: the lower id wins; 180 → 28.74 → 29
    PricingCase(name: "tie broken by id", items: [item("cola")], promotions: [Fixture.bDrinks, Fixture.aDrinks], settings: incl,
                subtotal: 200, discount: 20, tax: 29, total: 180, applied: ["a-drinks"]),
    // combo 110 (70 / 40): hot dog line 630 × 7 % = 44.1 → 44, cola 160 × 19 % = 30.4 → 30; total = 900 − 110 + 74 = 864
    PricingCase(name: "combo, exclusive per line", items: [item("hotdog", 2), item("cola")], promotions: [Fixture.combo], settings: exclLine,
                subtotal: 900, discount: 110, tax: 74, total: 864, applied: ["combo"]),
]

@Test(arguments: pricingCases)
func pricingTable(_ testCase: PricingCase) throws {
    let pricer = try Fixture.pricer(testCase.promotions, testCase.settings)
    let context = PricingContext(date: testCase.date, couponCodes: testCase.coupons, customer: testCase.customer)
    let priced = try pricer.price(Cart(testCase.items), context: context)
    #expect(priced.subtotal.cents == testCase.subtotal)
    #expect(priced.discountTotal.cents == testCase.discount)
    #expect(priced.taxTotal.cents == testCase.tax)
    #expect(priced.total.cents == testCase.total)
    #expect(priced.discounts.map(\.promotionID) == testCase.applied)
}

@Test func pricingTableHasEnoughCases() {
    #expect(pricingCases.count >= 40)
    #expect(Set(pricingCases.map(\.name)).count == pricingCases.count)
}
