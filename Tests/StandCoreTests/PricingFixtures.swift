import Foundation
import StandCore

/// A small, fixed catalog and promotions whose prices the table tests compute by hand.
///
/// Tax classes: reduced 7 %, standard 19 %. Products (EUR):
/// hotdog 3.50 (reduced, "hot dogs", modifier cheese +0.50), chili 4.20 (reduced, "hot dogs"),
/// cola 2.00 (standard, "drinks"), water 1.50 (standard, "drinks"), fries 2.50 (reduced, "sides"),
/// gum 0.99 (standard, "snacks"), candy 0.10 (reduced, "snacks"), soldout-dog 3.00 (sold out,
/// substitutes hotdog), hidden-dog 3.00 (hidden), breakfast 2.00 (sold Mon-Fri 06-10).
enum Fixture {
    static func eur(_ cents: Int64) -> Money { Money(cents: cents, .eur) }

    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// Monday 2 June 2025, 18:00 in Berlin (16:00 UTC): inside happy hour.
    static let mondayEvening = date(day: 2, hour: 16)
    /// Monday 2 June 2025, 12:00 in Berlin: outside happy hour.
    static let mondayNoon = date(day: 2, hour: 10)
    /// Saturday 7 June 2025, 18:00 in Berlin: a weekend.
    static let saturdayEvening = date(day: 7, hour: 16)

    static func date(day: Int, hour: Int, minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: 2025, month: 6, day: day, hour: hour, minute: minute))!
    }

    static let cheese = Modifier(id: "cheese", name: "extra cheese", priceDelta: eur(50), recipeDelta: [RecipeComponent("cheese-slice", 1)])

    static let products: [Product] = [
        Product(id: "hotdog", name: "Hot dog", hotkey: "1", price: eur(350), taxClass: "reduced", category: "hot dogs",
                modifiers: [cheese], recipe: [RecipeComponent("bun", 1), RecipeComponent("sausage", 1)]),
        Product(id: "chili", name: "Chili dog", hotkey: "2", price: eur(420), taxClass: "reduced", category: "hot dogs"),
        Product(id: "cola", name: "Cola", hotkey: "3", price: eur(200), taxClass: "standard", category: "drinks"),
        Product(id: "water", name: "Water", hotkey: "4", price: eur(150), taxClass: "standard", category: "drinks"),
        Product(id: "fries", name: "Fries", hotkey: "5", price: eur(250), taxClass: "reduced", category: "sides"),
        Product(id: "gum", name: "Gum", hotkey: "6", price: eur(99), taxClass: "standard", category: "snacks"),
        Product(id: "candy", name: "Candy", hotkey: "7", price: eur(10), taxClass: "reduced", category: "snacks"),
        Product(id: "soldout-dog", name: "Sold-out dog", hotkey: "8", price: eur(300), taxClass: "reduced",
                category: "hot dogs", availability: .soldOut, substitutes: ["hotdog"]),
        Product(id: "hidden-dog", name: "Old dog", hotkey: nil, price: eur(300), taxClass: "reduced",
                category: "hot dogs", availability: .hidden),
        Product(id: "breakfast", name: "Breakfast", hotkey: "9", price: eur(200), taxClass: "reduced", category: "breakfast",
                sellingHours: TimeWindow(weekdays: Weekday.workdays, from: TimeOfDay(hour: 6)!, until: TimeOfDay(hour: 10)!)),
    ]

    static let catalog = try! Catalog(currency: .eur, taxRates: ["reduced": 700, "standard": 1900], products: products)

    static func settings(_ mode: TaxMode = .inclusive, _ rounding: TaxRounding = .perReceipt,
                         _ rule: RoundingRule = .halfUp) -> PricingSettings {
        PricingSettings(taxMode: mode, taxRounding: rounding, roundingRule: rule, timeZone: berlin)
    }

    static let hotDogs = ProductSelector.category("hot dogs")
    static let happyHourWindow = TimeWindow(weekdays: Weekday.workdays, from: TimeOfDay(hour: 17)!, until: TimeOfDay(hour: 19)!)

    static let combo = Promotion(id: "combo", name: "Combo hot dog + cola",
                                 kind: .combo(of: [hotDogs, .products("cola")], price: .percentOff(basisPoints: 2000)), priority: 10)
    static let comboFixed = Promotion(id: "combo-fixed", name: "Menu", kind: .combo(of: [.products("hotdog"), .products("cola")], price: .fixedPrice(amount: eur(500))))
    static let comboFixed600 = Promotion(id: "combo-600", name: "Menu", kind: .combo(of: [.products("hotdog"), .products("cola")], price: .fixedPrice(amount: eur(600))))
    static let threeForTwo = Promotion(id: "3for2", name: "3 for 2 hot dogs",
                                       kind: .buyXGetY(on: hotDogs, buy: 2, get: 1, basisPoints: 10_000), priority: 8)
    static let secondDrinkHalf = Promotion(id: "drink2", name: "Second drink",
                                           kind: .buyXGetY(on: .category("drinks"), buy: 1, get: 1, basisPoints: 5000))
    static let drinks10 = Promotion(id: "drinks10", name: "Drinks", kind: .percentOff(on: .category("drinks"), basisPoints: 1000))
    static let snacks10 = Promotion(id: "snacks10", name: "Snacks", kind: .percentOff(on: .category("snacks"), basisPoints: 1000))
    static let snacksEuroOff = Promotion(id: "snacks-1", name: "Snacks", kind: .amountOff(on: .category("snacks"), perUnit: eur(100)))
    static let happyHour = Promotion(id: "happy", name: "Happy hour", kind: .amountOff(on: .category("drinks"), perUnit: eur(50)),
                                     priority: 5, window: happyHourWindow)
    static let welcome = Promotion(id: "welcome10", name: "Welcome", kind: .receiptPercentOff(basisPoints: 1000),
                                   exclusivity: .group(name: "coupon"), coupon: CouponRequirement(code: "WELCOME10", usageLimit: 5))
    static let five = Promotion(id: "five", name: "Five off", kind: .receiptAmountOff(amount: eur(500)),
                                exclusivity: .group(name: "coupon"), coupon: CouponRequirement(code: "FIVE"))
    static let loyalty = Promotion(id: "loyalty", name: "Every 10th visit",
                                   kind: .percentOff(on: hotDogs, basisPoints: 10_000, maxUnits: 1), priority: 20,
                                   customerRule: .everyNthPurchase(n: 10))
    static func staff(_ basisPoints: Int) -> Promotion {
        Promotion(id: "staff", name: "Staff", kind: .receiptPercentOff(basisPoints: basisPoints),
                  exclusivity: .exclusive, customerRule: .customers(ids: ["staff-1"]))
    }
    static let aDrinks = Promotion(id: "a-drinks", name: "A", kind: .percentOff(on: .products("cola"), basisPoints: 1000), priority: 1)
    static let bDrinks = Promotion(id: "b-drinks", name: "B", kind: .amountOff(on: .products("cola"), perUnit: eur(20)), priority: 1)

    static func pricer(_ promotions: [Promotion], _ settings: PricingSettings = settings()) throws(PricingError) -> Pricer {
        try Pricer(catalog: catalog, promotions: promotions, settings: settings)
    }
}
