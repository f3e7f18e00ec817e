import Foundation
import StandCore
import Testing

@Test func demoStandIsValidAndPricesASale() throws {
    let demo = try DemoStand()
    #expect(demo.catalog.currency == .eur)
    #expect(demo.catalog.products.count == 8)
    #expect(demo.catalog.product(hotkey: "1")?.id == "hotdog")
    #expect(demo.catalog.substitutes(for: "gfdog").map(\.id) == ["hotdog", "veggiedog"])
    // Monday 2 June 2025, 12:00 Berlin: hot dog × 2 + cola → combo on one pair: 20 % of 5.50 = 1.10;
    // reduced 7.00 − 0.70 = 6.30 → 0.41 contained, standard 1.60 → 0.26; total 7.90
    let cart: Cart = [CartItem("hotdog", quantity: 2), CartItem("cola")]
    let priced = try demo.pricer.price(cart, context: PricingContext(date: Fixture.mondayNoon))
    #expect(priced.total.cents == 790)
    #expect(priced.taxTotal.cents == 67)
    #expect(priced.discounts.map(\.reason) == ["Combo hot dog + cola: -20 %"])
    // with WELCOME10: 10 % of 7.90 = 0.79 more → 7.11
    let withCoupon = try demo.pricer.price(cart, context: PricingContext(date: Fixture.mondayNoon, couponCodes: ["WELCOME10"]))
    #expect(withCoupon.total.cents == 711)
    #expect(demo.pricer.redeemedCoupons(in: withCoupon) == ["WELCOME10"])
}

@Test func demoConfigurationRoundTripsThroughJSON() throws {
    let demo = try DemoStand()
    #expect(try Catalog.load(json: demo.catalog.json()) == demo.catalog)
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    let promotions = try encoder.encode(demo.promotions)
    #expect(try Promotion.loadList(json: promotions) == demo.promotions)
    let settings = try JSONDecoder().decode(PricingSettings.self, from: try JSONEncoder().encode(demo.settings))
    #expect(settings == demo.settings)
    #expect(String(decoding: try JSONEncoder().encode(demo.settings), as: UTF8.self).contains("Europe\\/Berlin"))
}

@Test func unknownTimeZoneInSettingsIsADecodingError() {
    let json = #"{"taxMode": "inclusive", "taxRounding": "perLine", "timeZone": "Mars/Olympus"}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(PricingSettings.self, from: Data(json.utf8)) }
}
