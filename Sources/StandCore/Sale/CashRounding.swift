/// Rounding of the cash part of a payment to the smallest coin in circulation (0.05 CHF),
/// half-up. The difference is recorded on the sale (`Sale.cashRounding`) so the books still add up.
public struct CashRounding: Hashable, Sendable, Codable {
    /// The smallest coin: 5 cents for CHF.
    public let increment: Money

    public init(increment: Money) throws(SaleError) {
        guard increment.cents > 0 else { throw .invalidCashRoundingIncrement(increment) }
        self.increment = increment
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(increment: container.decode(Money.self, forKey: .increment))
    }

    private enum CodingKeys: String, CodingKey { case increment }

    /// `amount` rounded to the nearest multiple of the increment, halves upward (non-negative amounts).
    public func round(_ amount: Money) -> Money {
        let step = increment.cents
        let remainder = amount.cents % step
        let down = amount.cents - remainder
        return Money(cents: remainder * 2 >= step ? down + step : down, amount.currency)
    }
}
