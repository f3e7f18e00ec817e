/// An amount of money in integer minor units (cents) of one currency. Never floating point.
///
/// Arithmetic between two currencies is a programming error: a stand prices everything in the
/// currency of its configuration, so mixing them means a wrong catalog was loaded.
public struct Money: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The amount in minor units; negative for refunds and discounts.
    public let cents: Int64
    public let currency: Currency

    public init(cents: Int64, _ currency: Currency) {
        self.cents = cents
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(cents: 0, currency) }

    public var isZero: Bool { cents == 0 }
    public var isNegative: Bool { cents < 0 }

    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "adding \(lhs.currency) to \(rhs.currency)")
        return Money(cents: lhs.cents + rhs.cents, lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "subtracting \(rhs.currency) from \(lhs.currency)")
        return Money(cents: lhs.cents - rhs.cents, lhs.currency)
    }

    public static prefix func - (value: Money) -> Money { Money(cents: -value.cents, value.currency) }

    public static func * (lhs: Money, rhs: Int) -> Money { Money(cents: lhs.cents * Int64(rhs), lhs.currency) }

    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing \(lhs.currency) with \(rhs.currency)")
        return lhs.cents < rhs.cents
    }

    /// "12.50 EUR", "-0.70 EUR", "500 JPY".
    public var description: String { "\(formattedAmount) \(currency.code)" }

    /// The amount with a decimal point and no currency: "12.50", "-0.07".
    public var formattedAmount: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        guard currency.minorUnits > 0 else { return sign + String(magnitude) }
        var divisor: UInt64 = 1
        for _ in 0..<currency.minorUnits { divisor *= 10 }
        let fraction = String(magnitude % divisor)
        let padded = String(repeating: "0", count: currency.minorUnits - fraction.count) + fraction
        return "\(sign)\(magnitude / divisor).\(padded)"
    }

    /// Sums amounts of one currency; the empty sum is zero in `currency`.
    public static func sum<S: Sequence>(_ amounts: S, _ currency: Currency) -> Money where S.Element == Money {
        amounts.reduce(.zero(currency), +)
    }
}

extension Money {
    /// Parses "2.50", "-0.7", "3" in the given currency, exactly, without floating point.
    /// Returns nil for anything else (too many decimals, letters, empty).
    public init?(parsing text: String, _ currency: Currency) {
        var body = Substring(text.trimmingWhitespace())
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy(\.isASCIIDigit) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigit), fraction.count <= currency.minorUnits,
              parts.count == 1 || !fraction.isEmpty else { return nil }
        fraction += String(repeating: "0", count: currency.minorUnits - fraction.count)
        guard let w = Int64(whole), let f = Int64(fraction.isEmpty ? "0" : fraction) else { return nil }
        var scale: Int64 = 1
        for _ in 0..<currency.minorUnits { scale *= 10 }
        let (product, overflow) = w.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        self.init(cents: negative ? -(product + f) : product + f, currency)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
