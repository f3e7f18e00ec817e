import Foundation

/// An internal credit account with an allowance replenished at each cutoff: an employee may eat
/// for 8.00 EUR a day, the balance returning to 8.00 at 04:00 each morning.
public struct CreditAccount: Hashable, Sendable, Codable {
    public let id: CreditAccountID
    /// What the account may spend between two cutoffs.
    public let allowance: Money
    /// Hour of the day (0–23), in `timeZoneIdentifier`, at which the allowance is replenished.
    public let cutoffHour: Int
    public let timeZoneIdentifier: String

    public init(id: CreditAccountID, allowance: Money, cutoffHour: Int, timeZone: TimeZone) {
        self.id = id
        self.allowance = allowance
        self.cutoffHour = min(max(cutoffHour, 0), 23)
        self.timeZoneIdentifier = timeZone.identifier
    }

    /// The last cutoff at or before `date`: spending since then counts against the allowance.
    public func periodStart(containing date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 0)!
        let startOfDay = calendar.startOfDay(for: date)
        let cutoffToday = calendar.date(byAdding: .hour, value: cutoffHour, to: startOfDay) ?? startOfDay
        if cutoffToday <= date { return cutoffToday }
        return calendar.date(byAdding: .day, value: -1, to: cutoffToday) ?? cutoffToday
    }

    /// What is left when `spent` has been charged (net of refunds) since the period start; never negative.
    public func available(afterSpending spent: Money) -> Money {
        let left = allowance - spent
        return left.isNegative ? .zero(allowance.currency) : left
    }
}
