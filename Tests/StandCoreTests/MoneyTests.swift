import Testing
import StandCore

@Test func moneyParsesExactly() {
    #expect(Money(parsing: "2.50", .eur) == Money(cents: 250, .eur))
    #expect(Money(parsing: "-0.7", .eur) == Money(cents: -70, .eur))
    #expect(Money(parsing: "3", .eur) == Money(cents: 300, .eur))
    #expect(Money(parsing: "1.234", .eur) == nil)
    #expect(Money(parsing: "1.", .eur) == nil)
    #expect(Money(parsing: "abc", .eur) == nil)
    #expect(Money(parsing: "500", .jpy) == Money(cents: 500, .jpy))
    #expect(Money(parsing: "5.0", .jpy) == nil)
}

@Test func moneyFormatsWithMinorUnits() {
    #expect(Money(cents: 1250, .eur).description == "12.50 EUR")
    #expect(Money(cents: -7, .eur).formattedAmount == "-0.07")
    #expect(Money(cents: 500, .jpy).formattedAmount == "500")
}
