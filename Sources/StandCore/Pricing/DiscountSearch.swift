/// Finds the combination of eligible promotions that saves the customer most.
///
/// Promotions are identified by their rank: their index in the pricer's list, which is sorted
/// by priority (highest first) then id. Every iteration below follows that order, so the result
/// does not depend on the order promotions were configured in.
struct DiscountSearch {
    /// Up to this many combinable promotions, every subset is evaluated (2^12 = 4096); beyond
    /// it, a greedy pass in rank order keeps each promotion that increases the saving.
    static let exhaustiveLimit = 12

    let lines: [PricedLine]
    let products: [Product]
    let promotions: [Promotion]
    let rule: RoundingRule
    let currency: Currency

    /// The applications of the best combination of `eligible` ranks, unit-level ones first.
    func best(of eligible: [Int]) -> [PromotionApplication] {
        let exclusive = eligible.filter { promotions[$0].exclusivity == .exclusive }
        let others = eligible.filter { promotions[$0].exclusivity != .exclusive }
        var best: [PromotionApplication] = []
        func consider(_ candidate: [PromotionApplication]) {
            if isBetter(candidate, than: best) { best = candidate }
        }
        if others.count <= DiscountSearch.exhaustiveLimit {
            for mask in 1..<(1 << others.count) {
                let combination = others.indices.filter { mask & (1 << $0) != 0 }.map { others[$0] }
                if respectsGroups(combination) { consider(evaluate(combination)) }
            }
        } else {
            var chosen: [Int] = []
            for rank in others where respectsGroups(chosen + [rank]) {
                let candidate = evaluate(chosen + [rank])
                if total(candidate) > total(evaluate(chosen)) {
                    chosen.append(rank)
                    consider(candidate)
                }
            }
        }
        for rank in exclusive { consider(evaluate([rank])) }
        return best
    }

    /// Applies the combination to a fresh pool: unit-level promotions in rank order take their
    /// units, then receipt-level ones take their share of what is left.
    func evaluate(_ ranks: [Int]) -> [PromotionApplication] {
        var pool = UnitPool(lines: lines, products: products, rule: rule, currency: currency)
        let ordered = ranks.filter { promotions[$0].kind.isUnitLevel } + ranks.filter { !promotions[$0].kind.isUnitLevel }
        return ordered.compactMap { pool.apply(promotions[$0], rank: $0) }
    }

    /// At most one promotion per stacking group.
    private func respectsGroups(_ ranks: [Int]) -> Bool {
        var groups: Set<String> = []
        for rank in ranks {
            if case .group(let name) = promotions[rank].exclusivity, !groups.insert(name).inserted { return false }
        }
        return true
    }

    private func total(_ applications: [PromotionApplication]) -> Int64 {
        applications.reduce(0) { $0 + $1.amount }
    }

    /// More saving wins; on a tie, the combination whose best-ranked promotion ranks higher
    /// (compared promotion by promotion), and the smaller one when one contains the other.
    private func isBetter(_ a: [PromotionApplication], than b: [PromotionApplication]) -> Bool {
        let (ta, tb) = (total(a), total(b))
        if ta != tb { return ta > tb }
        return a.map(\.rank).sorted().lexicographicallyPrecedes(b.map(\.rank).sorted())
    }
}
