extension Money {
    /// Splits `amount` over `weights` proportionally so that the parts sum exactly to `amount`.
    ///
    /// Each part starts as `amount × weight / Σweights` rounded down; the cents left over go one
    /// each to the parts with the largest dropped fraction, ties to the lower index
    /// (largest-remainder method). The result is deterministic, and when `amount ≤ Σweights`
    /// no part exceeds its weight. `amount` and the weights must be non-negative and share one
    /// currency; when all weights are zero, `amount` must be zero.
    public static func allocate(_ amount: Money, proportionalTo weights: [Money]) -> [Money] {
        precondition(amount.cents >= 0, "allocating a negative amount")
        let total = weights.reduce(Int128(0)) { sum, weight in
            precondition(weight.currency == amount.currency && weight.cents >= 0, "weights are non-negative \(amount.currency)")
            return sum + Int128(weight.cents)
        }
        guard total > 0 else {
            precondition(amount.cents == 0, "allocating \(amount) over nothing")
            return weights.map { _ in .zero(amount.currency) }
        }
        var parts: [Int64] = []
        var remainders: [(index: Int, remainder: Int128)] = []
        for (index, weight) in weights.enumerated() {
            let exact = Int128(amount.cents) * Int128(weight.cents)
            parts.append(Int64(exact / total))
            remainders.append((index, exact % total))
        }
        let leftover = Int(amount.cents - parts.reduce(0, +))
        let order = remainders.sorted { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in order.prefix(leftover) { parts[entry.index] += 1 }
        return parts.map { Money(cents: $0, amount.currency) }
    }
}
