/// How an exact quotient is rounded to a whole number of minor units (or of a cash increment).
///
/// All rounding in StandKit goes through ``divide(_:by:)``: integer numerator and denominator,
/// never floating point, so every result is reproducible to the cent on every machine.
public enum RoundingRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// Half away from zero: 0.005 → 0.01, −0.005 → −0.01. The commercial default.
    case halfUp
    /// Half to even ("banker's rounding"): 0.005 → 0.00, 0.015 → 0.02.
    case halfEven
    /// Toward zero (truncate): 0.019 → 0.01, −0.019 → −0.01.
    case down
    /// Away from zero: 0.011 → 0.02, −0.011 → −0.02.
    case up

    /// `numerator / denominator` rounded by this rule. `denominator` must be positive.
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator > 0, "rounding divides by a positive denominator")
        let magnitude = numerator.magnitude
        let divisor = denominator.magnitude
        var quotient = magnitude / divisor
        let remainder = magnitude % divisor
        if remainder != 0 {
            let twice = remainder * 2
            switch self {
            case .halfUp: if twice >= divisor { quotient += 1 }
            case .halfEven: if twice > divisor || (twice == divisor && quotient % 2 == 1) { quotient += 1 }
            case .down: break
            case .up: quotient += 1
            }
        }
        let result = Int128(quotient)
        return numerator < 0 ? -result : result
    }

    /// `numerator / denominator` rounded by this rule, for amounts that fit in minor units.
    public func divide(_ numerator: Int64, by denominator: Int64) -> Int64 {
        Int64(divide(Int128(numerator), by: Int128(denominator)))
    }
}
