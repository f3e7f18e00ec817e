/// One cart line's share of the sale's discounts and taxes, so per-product figures add up to the
/// sale's totals to the cent.
///
/// Each discount is split over its lines as the pricer recorded it (`AppliedDiscount.allocations`),
/// or else in proportion to the amounts of the lines it names; each tax line
/// over the lines of its tax class in proportion to their amounts after discounts. Cents that do
/// not divide evenly go to the earliest lines (largest remainder first).
public struct SaleLineFigures: Hashable, Sendable, Codable {
    public let lineIndex: Int
    public let productID: ProductID
    public let quantity: Int
    /// The line amount before discounts (`PricedLine.amount`).
    public let gross: Money
    public let discount: Money
    /// Tax contained in (inclusive) or added to (exclusive) this line.
    public let tax: Money
    /// Revenue without tax: gross − discount − contained tax (inclusive) or gross − discount (exclusive).
    public let net: Money
    /// What the customer paid for the line: gross − discount (+ tax when exclusive).
    public let paid: Money

    /// The figures of every line of `cart`, in line order.
    public static func allocate(_ cart: PricedCart) -> [SaleLineFigures] {
        let currency = cart.currency
        var discounts = [Int64](repeating: 0, count: cart.lines.count)
        for discount in cart.discounts {
            if discount.allocations.count == discount.lineIndexes.count, !discount.lineIndexes.isEmpty,
               discount.lineIndexes.allSatisfy(cart.lines.indices.contains) {
                for (target, part) in zip(discount.lineIndexes, discount.allocations) { discounts[target] += part.cents }
                continue
            }
            let indexes = discount.lineIndexes.filter { cart.lines.indices.contains($0) }
            let targets = indexes.isEmpty ? Array(cart.lines.indices) : indexes
            let shares = spread(discount.amount.cents, weights: targets.map { cart.lines[$0].amount.cents })
            for (target, share) in zip(targets, shares) { discounts[target] += share }
        }
        var taxes = [Int64](repeating: 0, count: cart.lines.count)
        for tax in cart.taxes {
            let targets = cart.lines.indices.filter { cart.lines[$0].taxClass == tax.taxClass }
            let shares = spread(tax.amount.cents, weights: targets.map { max(cart.lines[$0].amount.cents - discounts[$0], 0) })
            for (target, share) in zip(targets, shares) { taxes[target] += share }
        }
        return cart.lines.enumerated().map { index, line in
            let gross = line.amount
            let discount = Money(cents: discounts[index], currency)
            let tax = Money(cents: taxes[index], currency)
            let afterDiscount = gross - discount
            return SaleLineFigures(
                lineIndex: index, productID: line.productID, quantity: line.quantity, gross: gross, discount: discount, tax: tax,
                net: cart.taxMode == .inclusive ? afterDiscount - tax : afterDiscount,
                paid: cart.taxMode == .inclusive ? afterDiscount : afterDiscount + tax)
        }
    }

    /// Splits `amount` (any sign) over non-negative weights so that the parts sum to `amount`.
    private static func spread(_ amount: Int64, weights: [Int64]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let total = weights.reduce(Int128(0)) { $0 + Int128(max($1, 0)) }
        guard total > 0 else {
            var parts = [Int64](repeating: 0, count: weights.count)
            parts[0] = amount
            return parts
        }
        let magnitude = Int128(amount.magnitude)
        var parts: [Int128] = []
        var remainders: [(index: Int, remainder: Int128)] = []
        for (index, weight) in weights.enumerated() {
            let exact = magnitude * Int128(max(weight, 0))
            parts.append(exact / total)
            remainders.append((index, exact % total))
        }
        let leftover = Int(magnitude - parts.reduce(0, +))
        let order = remainders.sorted { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in order.prefix(leftover) { parts[entry.index] += 1 }
        return parts.map { amount < 0 ? -Int64($0) : Int64($0) }
    }
}
