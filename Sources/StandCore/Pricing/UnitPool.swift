/// The effect of one promotion within one evaluated combination: the amount, and how it is
/// spread over the cart lines (line index → cents, summing exactly to `amount`).
struct PromotionApplication: Sendable {
    let rank: Int
    let amount: Int64
    let allocations: [Int: Int64]
    /// Units that got a reduction (free units of buy-X-get-Y, reduced units of a percentage).
    let discountedUnits: Int
}

/// The cart's units while one combination of promotions is evaluated. Units of one line are
/// identical (same product, modifiers and price), so the pool counts them per line. Each unit
/// is consumed by at most one unit-level promotion; receipt-level promotions then take a share
/// of what is left of each line's amount.
struct UnitPool {
    /// What one promotion would do: its amount, its split over lines, the units it consumes
    /// (line → count) and how many of them got a reduction.
    private typealias Effect = (amount: Int64, allocations: [Int: Int64], consumed: [Int: Int], discounted: Int)

    let unitPrices: [Int64]
    let products: [Product]
    private(set) var remainingUnits: [Int]
    private(set) var remainingAmounts: [Int64]
    let rule: RoundingRule
    let currency: Currency

    init(lines: [PricedLine], products: [Product], rule: RoundingRule, currency: Currency) {
        unitPrices = lines.map(\.unitPrice.cents)
        self.products = products
        remainingUnits = lines.map(\.quantity)
        remainingAmounts = lines.map(\.amount.cents)
        self.rule = rule
        self.currency = currency
    }

    /// Applies `promotion` to what is left; nil when it saves nothing (then nothing is consumed).
    mutating func apply(_ promotion: Promotion, rank: Int) -> PromotionApplication? {
        let result: Effect?
        switch promotion.kind {
        case .percentOff(let selector, let basisPoints, let maxUnits):
            let taken = take(selector, limit: maxUnits)
            let weights = Dictionary(uniqueKeysWithValues: taken.map { ($0.key, Int64($0.value) * unitPrices[$0.key]) })
            let amount = percent(basisPoints, of: weights)
            result = (amount, spread(amount, over: weights), taken, taken.values.reduce(0, +))
        case .amountOff(let selector, let perUnit, let maxUnits):
            let taken = take(selector, limit: maxUnits)
            let allocations = Dictionary(uniqueKeysWithValues: taken.map { line, count in
                (line, Int64(count) * min(perUnit.cents, unitPrices[line]))
            })
            result = (allocations.values.reduce(0, +), allocations, taken, taken.values.reduce(0, +))
        case .combo(let selectors, let price):
            result = combo(selectors, price)
        case .buyXGetY(let selector, let buy, let get, let basisPoints):
            result = buyXGetY(selector, buy: buy, get: get, basisPoints: basisPoints)
        case .receiptPercentOff(let basisPoints):
            let weights = receiptWeights()
            let amount = percent(basisPoints, of: weights)
            result = (amount, spread(amount, over: weights), [:], 0)
        case .receiptAmountOff(let off):
            let weights = receiptWeights()
            let amount = min(off.cents, weights.values.reduce(0, +))
            result = (amount, spread(amount, over: weights), [:], 0)
        }
        guard let result, result.amount > 0 else { return nil }
        for (line, count) in result.consumed { remainingUnits[line] -= count }
        for (line, cents) in result.allocations { remainingAmounts[line] -= cents }
        return PromotionApplication(rank: rank, amount: result.amount, allocations: result.allocations,
                                    discountedUnits: result.discounted)
    }

    /// `basisPoints` of the summed weights, rounded once by the stand's rule.
    private func percent(_ basisPoints: Int, of weights: [Int: Int64]) -> Int64 {
        let base = weights.values.reduce(Int128(0)) { $0 + Int128($1) }
        return Int64(rule.divide(base * Int128(basisPoints), by: 10_000))
    }

    /// Lines whose product matches, most expensive unit first, then in cart order.
    private func lines(matching selector: ProductSelector) -> [Int] {
        unitPrices.indices
            .filter { remainingUnits[$0] > 0 && selector.matches(products[$0]) }
            .sorted { unitPrices[$0] != unitPrices[$1] ? unitPrices[$0] > unitPrices[$1] : $0 < $1 }
    }

    /// Up to `limit` matching units, most expensive first: line → count.
    private func take(_ selector: ProductSelector, limit: Int?) -> [Int: Int] {
        var left = limit ?? Int.max
        var taken: [Int: Int] = [:]
        for line in lines(matching: selector) where left > 0 {
            let count = min(remainingUnits[line], left)
            taken[line] = count
            left -= count
        }
        return taken
    }

    private func receiptWeights() -> [Int: Int64] {
        Dictionary(uniqueKeysWithValues: remainingAmounts.enumerated().filter { $0.element > 0 }.map { ($0.offset, $0.element) })
    }

    /// `amount` split over the lines proportionally to `weights`, exactly (largest remainder).
    private func spread(_ amount: Int64, over weights: [Int: Int64]) -> [Int: Int64] {
        guard amount > 0 else { return [:] }
        let lines = weights.keys.sorted()
        let parts = Money.allocate(Money(cents: amount, currency), proportionalTo: lines.map { Money(cents: weights[$0]!, currency) })
        return Dictionary(uniqueKeysWithValues: zip(lines, parts.map(\.cents)))
    }

    private func combo(_ selectors: [ProductSelector], _ price: ComboPrice)
        -> Effect? {
        var units = remainingUnits
        // Scarce slots choose first, so "any drink" does not take the only cola a "cola" slot needs.
        let slotOrder = selectors.indices.sorted { a, b in
            let ca = matchingUnitCount(selectors[a]), cb = matchingUnitCount(selectors[b])
            return ca != cb ? ca < cb : a < b
        }
        var consumed: [Int: Int] = [:]
        var weights: [Int: Int64] = [:]
        var allocations: [Int: Int64] = [:]
        var sets = 0
        while true {
            var chosen: [Int] = []
            for slot in slotOrder {
                guard let line = lines(matching: selectors[slot]).first(where: { units[$0] > 0 }) else { break }
                units[line] -= 1
                chosen.append(line)
            }
            guard chosen.count == selectors.count else { break }
            let setSum = chosen.reduce(Int64(0)) { $0 + unitPrices[$1] }
            if case .fixedPrice(let bundle) = price {
                let saving = setSum - bundle.cents
                guard saving > 0 else { break }
                var setWeights: [Int: Int64] = [:]
                for line in chosen { setWeights[line, default: 0] += unitPrices[line] }
                allocations.merge(spread(saving, over: setWeights), uniquingKeysWith: +)
            }
            for line in chosen {
                consumed[line, default: 0] += 1
                weights[line, default: 0] += unitPrices[line]
            }
            sets += 1
        }
        guard sets > 0 else { return nil }
        if case .percentOff(let basisPoints) = price {
            let amount = percent(basisPoints, of: weights)
            allocations = spread(amount, over: weights)
        }
        return (allocations.values.reduce(0, +), allocations, consumed, consumed.values.reduce(0, +))
    }

    private func matchingUnitCount(_ selector: ProductSelector) -> Int {
        lines(matching: selector).reduce(0) { $0 + remainingUnits[$1] }
    }

    private func buyXGetY(_ selector: ProductSelector, buy: Int, get: Int, basisPoints: Int)
        -> Effect? {
        let units = lines(matching: selector).flatMap { Array(repeating: $0, count: remainingUnits[$0]) }
        let groupSize = buy + get
        let groups = units.count / groupSize
        guard groups > 0 else { return nil }
        var consumed: [Int: Int] = [:]
        var weights: [Int: Int64] = [:]
        for group in 0..<groups {
            for position in 0..<groupSize {
                let line = units[group * groupSize + position]
                consumed[line, default: 0] += 1
                if position >= buy { weights[line, default: 0] += unitPrices[line] }
            }
        }
        let amount = percent(basisPoints, of: weights)
        return (amount, spread(amount, over: weights), consumed, groups * get)
    }
}
