import StandCore
import Testing

/// Cash rounding to the smallest coin: CHF 0.05.
@Test(arguments: [
    (347, RoundingRule.halfUp, 345),   // 3.47 → 3.45
    (348, .halfUp, 350),                // 3.48 → 3.50
    (3475, .halfUp, 3475),              // already a multiple
    (352, .halfUp, 350),                // 3.52 → 3.50
    (3527, .down, 3525),                // 35.27 → 35.25
    (351, .up, 355),                    // 3.51 → 3.55
    (-347, .halfUp, -345),              // refunds round symmetrically
] as [(Int64, RoundingRule, Int64)])
func cashRoundsToTheSmallestCoin(_ cents: Int64, _ rule: RoundingRule, _ expected: Int64) {
    let coin = Money(cents: 5, .chf)
    #expect(Money(cents: cents, .chf).roundedToIncrement(coin, rule: rule) == Money(cents: expected, .chf))
}

@Test func halfwayCashAmountsFollowTheRule() {
    let tenCents = Money(cents: 10, .eur)
    #expect(Money(cents: 1005, .eur).roundedToIncrement(tenCents, rule: .halfUp).cents == 1010)
    #expect(Money(cents: 1005, .eur).roundedToIncrement(tenCents, rule: .halfEven).cents == 1000)   // 100.5 tens → 100
    #expect(Money(cents: 1015, .eur).roundedToIncrement(tenCents, rule: .halfEven).cents == 1020)   // 101.5 tens → 102
}

@Test func allocationSumsExactlyWithLargestRemainder() {
    let eur = { (cents: Int64) in Money(cents: cents, .eur) }
    // 500 over 350/200/250: 218.75, 125, 156.25 → 218 + 125 + 156 = 499, the 1 left goes to .75
    #expect(Money.allocate(eur(500), proportionalTo: [eur(350), eur(200), eur(250)]) == [eur(219), eur(125), eur(156)])
    // 10 over three equal weights: 3.33 each; the extra cent goes to the first index
    #expect(Money.allocate(eur(10), proportionalTo: [eur(1), eur(1), eur(1)]) == [eur(4), eur(3), eur(3)])
    // a zero weight gets nothing
    #expect(Money.allocate(eur(7), proportionalTo: [eur(0), eur(5), eur(2)]) == [eur(0), eur(5), eur(2)])
    #expect(Money.allocate(eur(0), proportionalTo: [eur(0), eur(0)]) == [eur(0), eur(0)])
}
