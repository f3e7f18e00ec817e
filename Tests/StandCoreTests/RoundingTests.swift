import StandCore
import Testing

/// `numerator / denominator` under each rule, with the hand result.
@Test(arguments: [
    // (numerator, denominator, rule, expected)
    (25, 10, RoundingRule.halfUp, 3),     // 2.5 → 3
    (-25, 10, .halfUp, -3),                // −2.5 → −3 (away from zero)
    (25, 10, .halfEven, 2),                // 2.5 → 2 (even)
    (35, 10, .halfEven, 4),                // 3.5 → 4 (even)
    (26, 10, .halfEven, 3),                // 2.6 → 3
    (29, 10, .down, 2),                    // 2.9 → 2
    (-29, 10, .down, -2),                  // −2.9 → −2 (toward zero)
    (21, 10, .up, 3),                      // 2.1 → 3
    (-21, 10, .up, -3),                    // −2.1 → −3
    (20, 10, .up, 2),                      // exact stays
    (24, 10, .halfUp, 2),                  // 2.4 → 2
] as [(Int64, Int64, RoundingRule, Int64)])
func roundingRuleDivides(_ numerator: Int64, _ denominator: Int64, _ rule: RoundingRule, _ expected: Int64) {
    #expect(rule.divide(numerator, by: denominator) == expected)
}

@Test func percentageIsExactAndRoundedOnce() {
    let eur = { (cents: Int64) in Money(cents: cents, .eur) }
    #expect(eur(350).percentage(basisPoints: 2000, rule: .halfUp) == eur(70))      // 20 % of 3.50
    #expect(eur(99).percentage(basisPoints: 1000, rule: .halfUp) == eur(10))       // 9.9 → 10
    #expect(eur(99).percentage(basisPoints: 1000, rule: .down) == eur(9))          // 9.9 → 9
    #expect(eur(1000).percentage(basisPoints: 887, rule: .halfUp) == eur(89))      // 88.7 → 89
    // no overflow on large amounts: 90 trillion cents × 100 %
    #expect(eur(90_000_000_000_000).percentage(basisPoints: 10_000, rule: .halfUp) == eur(90_000_000_000_000))
}

@Test func taxExtractionAndAddition() {
    let eur = { (cents: Int64) in Money(cents: cents, .eur) }
    #expect(eur(350).taxContainedInGross(rateBasisPoints: 1900, rule: .halfUp) == eur(56))   // 55.88
    #expect(eur(119).taxContainedInGross(rateBasisPoints: 1900, rule: .halfUp) == eur(19))   // exactly 19
    #expect(eur(107).taxContainedInGross(rateBasisPoints: 700, rule: .halfUp) == eur(7))     // exactly 7
    #expect(eur(1000).taxOnNet(rateBasisPoints: 888, rule: .halfUp) == eur(89))              // 88.8
    #expect(eur(350).taxOnNet(rateBasisPoints: 700, rule: .halfEven) == eur(24))             // 24.5 → 24
    #expect(eur(500).taxContainedInGross(rateBasisPoints: 0, rule: .halfUp) == eur(0))
}
