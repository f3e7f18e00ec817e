import Foundation

/// The embedded default stand: a small hot dog menu in EUR with German VAT (19 % standard for
/// drinks, 7 % reduced for take-away food, prices tax-inclusive), five promotions and the
/// pricing settings. `scripts/demo` and `standctl sale` use it when no catalog file is given.
public struct DemoStand: Sendable {
    public let catalog: Catalog
    public let promotions: [Promotion]
    public let settings: PricingSettings
    /// A pricer over the three above.
    public let pricer: Pricer

    /// Builds and validates the demo; it only throws if the embedded data were broken (a test
    /// guards against that) or the platform lacks the Europe/Berlin time zone.
    public init() throws {
        catalog = try DemoStand.makeCatalog()
        promotions = DemoStand.makePromotions()
        guard let zone = TimeZone(identifier: "Europe/Berlin") else {
            throw CatalogError.invalidFile(path: "settings.timeZone", problem: "the time zone Europe/Berlin is not installed")
        }
        settings = PricingSettings(taxMode: .inclusive, taxRounding: .perReceipt, roundingRule: .halfUp, timeZone: zone)
        pricer = try Pricer(catalog: catalog, promotions: promotions, settings: settings)
    }

    private static func eur(_ cents: Int64) -> Money {
        Money(cents: cents, .eur)
    }

    private static func makeCatalog() throws(CatalogError) -> Catalog {
        let cheese = Modifier(id: "cheese", name: "extra cheese", priceDelta: eur(50), recipeDelta: [RecipeComponent("cheese-slice", 1)])
        let onions = Modifier(id: "onions", name: "onions", priceDelta: eur(0), recipeDelta: [RecipeComponent("onions-g", 20)])
        let toppings = [cheese, onions]
        func dog(_ id: ProductID, _ name: String, _ key: String, _ price: Int64, _ recipe: [RecipeComponent],
                 substitutes: [ProductID] = []) -> Product {
            Product(id: id, name: name, hotkey: key, price: eur(price), taxClass: "reduced", category: "hot dogs",
                    modifiers: toppings, recipe: recipe, substitutes: substitutes)
        }
        func drink(_ id: ProductID, _ name: String, _ key: String, _ price: Int64, _ recipe: [RecipeComponent]) -> Product {
            Product(id: id, name: name, hotkey: key, price: eur(price), taxClass: "standard", category: "drinks", recipe: recipe)
        }
        return try Catalog(currency: .eur, taxRates: ["standard": 1900, "reduced": 700], products: [
            dog("hotdog", "Classic hot dog", "1", 350, [RecipeComponent("bun", 1), RecipeComponent("sausage", 1)]),
            dog("chilidog", "Chili dog", "2", 420, [RecipeComponent("bun", 1), RecipeComponent("sausage", 1), RecipeComponent("chili-g", 60)]),
            dog("veggiedog", "Veggie dog", "3", 380, [RecipeComponent("bun", 1), RecipeComponent("veggie-sausage", 1)]),
            dog("gfdog", "Gluten-free dog", "4", 400, [RecipeComponent("gf-bun", 1), RecipeComponent("sausage", 1)],
                substitutes: ["hotdog", "veggiedog"]),
            Product(id: "fries", name: "Fries", hotkey: "5", price: eur(250), taxClass: "reduced", category: "sides",
                    recipe: [RecipeComponent("fries-g", 150), RecipeComponent("fries-box", 1)]),
            drink("cola", "Cola", "6", 200, [RecipeComponent("cola-can", 1)]),
            drink("water", "Water", "7", 150, [RecipeComponent("water-bottle", 1)]),
            drink("coffee", "Coffee", "8", 180, [RecipeComponent("coffee-g", 18), RecipeComponent("cup", 1)]),
        ])
    }

    private static func makePromotions() -> [Promotion] {
        let hotDogs = ProductSelector.category("hot dogs")
        let happyHour = TimeWindow(weekdays: Weekday.workdays, from: TimeOfDay(hour: 17)!, until: TimeOfDay(hour: 19)!)
        return [
            Promotion(id: "combo-hotdog-cola", name: "Combo hot dog + cola",
                      kind: .combo(of: [hotDogs, .products("cola")], price: .percentOff(basisPoints: 2000)), priority: 10),
            Promotion(id: "three-for-two-dogs", name: "3 for 2 hot dogs",
                      kind: .buyXGetY(on: hotDogs, buy: 2, get: 1, basisPoints: 10_000), priority: 8),
            Promotion(id: "happy-hour-drinks", name: "Happy hour",
                      kind: .amountOff(on: .category("drinks"), perUnit: eur(50)), priority: 5, window: happyHour),
            Promotion(id: "loyalty-10th", name: "Every 10th visit",
                      kind: .percentOff(on: hotDogs, basisPoints: 10_000, maxUnits: 1), priority: 20,
                      customerRule: .everyNthPurchase(n: 10)),
            Promotion(id: "welcome10", name: "Welcome", kind: .receiptPercentOff(basisPoints: 1000), priority: 1,
                      exclusivity: .group(name: "coupon"), coupon: CouponRequirement(code: "WELCOME10", usageLimit: 500)),
        ]
    }
}
