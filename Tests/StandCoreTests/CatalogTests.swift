import Foundation
import StandCore
import Testing

private func eur(_ cents: Int64) -> Money { Money(cents: cents, .eur) }

private func product(_ id: ProductID, hotkey: String? = nil, price: Money = eur(100), taxClass: TaxClassID = "standard",
                     modifiers: [Modifier] = [], substitutes: [ProductID] = []) -> Product {
    Product(id: id, name: id.rawValue, hotkey: hotkey, price: price, taxClass: taxClass, category: "x",
            modifiers: modifiers, substitutes: substitutes)
}

private func makeCatalog(_ products: [Product], rates: [TaxClassID: Int] = ["standard": 1900]) throws(CatalogError) -> Catalog {
    try Catalog(currency: .eur, taxRates: rates, products: products)
}

@Test(arguments: [
    ("duplicate id", [product("a"), product("a")], CatalogError.duplicateProductID("a")),
    ("duplicate hotkey", [product("a", hotkey: "1"), product("b", hotkey: "1")], .duplicateHotkey("1", first: "a", second: "b")),
    ("letters in hotkey", [product("a", hotkey: "1a")], .invalidHotkey("a", hotkey: "1a")),
    ("unknown tax class", [product("a", taxClass: "luxury")], .unknownTaxClass("a", "luxury")),
    ("price in USD", [product("a", price: Money(cents: 100, .usd))],
     .currencyMismatch("a", field: "price", expected: .eur, found: .usd)),
    ("negative price", [product("a", price: eur(-1))], .negativePrice("a", field: "price", eur(-1))),
    ("negative modifier", [product("a", modifiers: [Modifier(id: "m", name: "m", priceDelta: eur(-5))])],
     .negativePrice("a", field: "modifier m", eur(-5))),
    ("duplicate modifier", [product("a", modifiers: [Modifier(id: "m", name: "m", priceDelta: eur(5)), Modifier(id: "m", name: "m", priceDelta: eur(5))])],
     .duplicateModifier("a", "m")),
    ("unknown substitute", [product("a", substitutes: ["ghost"])], .unknownSubstitute("a", substitute: "ghost")),
    ("self substitute", [product("a", substitutes: ["a"])], .unknownSubstitute("a", substitute: "a")),
] as [(String, [Product], CatalogError)])
func catalogRejectsInvalidProducts(_ label: String, _ products: [Product], _ expected: CatalogError) {
    #expect(throws: expected, "\(label)") { try makeCatalog(products) }
}

@Test func catalogRejectsAnImpossibleTaxRate() {
    #expect(throws: CatalogError.invalidTaxRate("standard", basisPoints: 19_000)) {
        try makeCatalog([product("a")], rates: ["standard": 19_000])
    }
}

@Test func catalogErrorsSayWhatToFix() {
    let message = CatalogError.duplicateHotkey("1", first: "a", second: "b").description
    #expect(message.contains("keypad code 1") && message.contains("Give each product its own code"))
    #expect(CatalogError.unknownTaxClass("a", "luxury").description.contains("Add the rate"))
}

@Test func catalogLooksUpByIDAndHotkey() throws {
    let catalog = Fixture.catalog
    #expect(catalog.product("cola")?.price == eur(200))
    #expect(catalog.product(hotkey: "1")?.id == "hotdog")
    #expect(catalog.product(hotkey: "99") == nil)
    #expect(catalog.product("nothing") == nil)
}

@Test func substitutesAreTheSellableOnes() throws {
    let catalog = try makeCatalog([
        product("gf", substitutes: ["classic", "veggie"]), product("classic"), product("veggie"),
    ])
    #expect(catalog.substitutes(for: "gf").map(\.id) == ["classic", "veggie"])
    let classicSoldOut = try catalog.setting(.soldOut, for: "classic")
    #expect(classicSoldOut.substitutes(for: "gf").map(\.id) == ["veggie"])
    #expect(classicSoldOut.product("classic")?.availability == .soldOut)
    #expect(throws: CatalogError.unknownProduct("ghost")) { try catalog.setting(.hidden, for: "ghost") }
}

@Test func catalogRoundTripsThroughJSON() throws {
    let json = Fixture.catalog.json()
    let loaded = try Catalog.load(json: json)
    #expect(loaded == Fixture.catalog)
    #expect(String(decoding: json, as: UTF8.self).contains("\"reduced\" : 700"))   // tax rates as an object
}

@Test func catalogFileWithDefaultsLoads() throws {
    let json = """
    {"currency": {"code": "EUR", "minorUnits": 2}, "taxRates": {"food": 700},
     "products": [{"id": "dog", "name": "Dog", "hotkey": "1", "price": {"cents": 350, "currency": {"code": "EUR", "minorUnits": 2}},
                   "taxClass": "food", "category": "hot dogs",
                   "sellingHours": {"weekdays": ["mon", "fri"], "from": "06:00", "until": "10:30"}}]}
    """
    let catalog = try Catalog.load(json: Data(json.utf8))
    let dog = try #require(catalog.product("dog"))
    #expect(dog.availability == .available && dog.modifiers.isEmpty && dog.substitutes.isEmpty)
    #expect(dog.sellingHours?.description == "Mon, Fri 06-10:30")
}

@Test(arguments: [
    // (file, expected path in the message)
    (#"{"currency": {"code": "EUR", "minorUnits": 2}, "taxRates": {}, "products": [{"id": "a"}]}"#, "products[0].name"),
    (#"{"currency": {"code": "EUR", "minorUnits": 2}, "taxRates": {"s": "high"}, "products": []}"#, "taxRates.s"),
    (#"{"currency": {"code": "EUR", "minorUnits": 2}, "taxRates": {}, "products": [{"id": "a", "name": "A", "price": {"cents": 1, "currency": {"code": "EUR", "minorUnits": 2}}, "taxClass": "s", "category": "c", "sellingHours": {"weekdays": [], "from": "25:00", "until": "10:00"}}]}"#, "products[0].sellingHours.from"),
    (#"{"currency": "#, "the top level"),
] as [(String, String)])
func badCatalogFilesNameTheField(_ json: String, _ path: String) {
    do {
        _ = try Catalog.load(json: Data(json.utf8))
        Issue.record("expected the file to be rejected")
    } catch {
        #expect(error.description.contains(path), "\(error.description)")
    }
}

@Test func invalidCatalogInAFileIsReportedAsSuch() {
    let json = #"{"currency": {"code": "EUR", "minorUnits": 2}, "taxRates": {}, "products": [{"id": "a", "name": "A", "price": {"cents": 1, "currency": {"code": "EUR", "minorUnits": 2}}, "taxClass": "s", "category": "c"}]}"#
    #expect(throws: CatalogError.unknownTaxClass("a", "s")) { try Catalog.load(json: Data(json.utf8)) }
}

@Test(arguments: [
    // (UTC day in June 2025, UTC hour, minute, inside Mon-Fri 17:00-19:00 Berlin?)
    (2, 15, 0, true),    // Mon 17:00 Berlin: start is inclusive
    (2, 16, 59, true),   // Mon 18:59
    (2, 17, 0, false),   // Mon 19:00: end is exclusive
    (2, 14, 59, false),  // Mon 16:59
    (6, 15, 30, true),   // Fri 17:30
    (7, 15, 30, false),  // Sat 17:30
] as [(Int, Int, Int, Bool)])
func timeWindowUsesTheStandsWallClock(_ day: Int, _ hour: Int, _ minute: Int, _ inside: Bool) {
    #expect(Fixture.happyHourWindow.contains(Fixture.date(day: day, hour: hour, minute: minute), in: Fixture.berlin) == inside)
}

@Test func overnightWindowBelongsToItsStartDay() {
    let lateFriday = TimeWindow(weekdays: [.friday], from: TimeOfDay(hour: 22)!, until: TimeOfDay(hour: 2)!)
    #expect(lateFriday.contains(Fixture.date(day: 6, hour: 21), in: Fixture.berlin))        // Fri 23:00
    #expect(lateFriday.contains(Fixture.date(day: 6, hour: 23, minute: 30), in: Fixture.berlin))  // Sat 01:30
    #expect(!lateFriday.contains(Fixture.date(day: 7, hour: 21), in: Fixture.berlin))       // Sat 23:00
    #expect(!lateFriday.contains(Fixture.date(day: 6, hour: 0, minute: 30), in: Fixture.berlin))  // Fri 02:30
    #expect(Fixture.happyHourWindow.description == "Mon-Fri 17-19")
}
