/// Exact percentage, tax and cash-increment arithmetic on integer minor units.
///
/// Rates are basis points (1 bp = 0.01 %, 1900 = 19 %). Products are taken in 128-bit integers
/// before the single rounding step, so nothing overflows or drifts.
extension Money {
    /// This amount × `basisPoints` / 10 000, rounded once: 20 % of 3.50 is 0.70.
    public func percentage(basisPoints: Int, rule: RoundingRule) -> Money {
        Money(cents: Int64(rule.divide(Int128(cents) * Int128(basisPoints), by: 10_000)), currency)
    }

    /// The tax added on top of this net amount (tax-exclusive pricing): 10.00 at 8.875 % is 0.89.
    public func taxOnNet(rateBasisPoints: Int, rule: RoundingRule) -> Money {
        percentage(basisPoints: rateBasisPoints, rule: rule)
    }

    /// The tax contained in this gross amount (tax-inclusive pricing):
    /// gross × rate / (10 000 + rate). 3.50 at 19 % contains 0.56 (3.50 × 1900 / 11900 = 0.5588…).
    public func taxContainedInGross(rateBasisPoints: Int, rule: RoundingRule) -> Money {
        let numerator = Int128(cents) * Int128(rateBasisPoints)
        return Money(cents: Int64(rule.divide(numerator, by: Int128(10_000 + rateBasisPoints))), currency)
    }

    /// This amount rounded to a multiple of `increment`, for cash when the smallest coin is
    /// larger than the minor unit: 3.47 CHF to 0.05 half-up is 3.45, 3.48 is 3.50.
    public func roundedToIncrement(_ increment: Money, rule: RoundingRule = .halfUp) -> Money {
        precondition(increment.currency == currency, "rounding \(currency) to a \(increment.currency) increment")
        precondition(increment.cents > 0, "a cash increment is positive")
        let steps = rule.divide(Int128(cents), by: Int128(increment.cents))
        return Money(cents: Int64(steps * Int128(increment.cents)), currency)
    }
}
