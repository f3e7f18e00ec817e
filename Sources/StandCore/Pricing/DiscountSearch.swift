/// Finds the combination of eligible promotions that saves the customer most.
///
/// Promotions are identified by their rank: their index in the pricer's list, which is sorted
/// by priority (highest first) then id. Every iteration below follows that order, so the result
/// does not depend on the order promotions were configured in.
struct DiscountSearch {
    /// Up to this many combinable promotions, every subset is explored (at most 2^12 = 4096);
    /// beyond it, a greedy pass in rank order keeps each promotion that increases the saving.
    static let exhaustiveLimit = 12

    let lines: [PricedLine]
    let products: [Product]
    let promotions: [Promotion]
    let rule: RoundingRule
    let currency: Currency

    /// The applications of the best combination of `eligible` ranks, unit-level ones first.
    func best(of eligible: [Int]) -> [PromotionApplication] {
        let exclusive = eligible.filter { promotions[$0].exclusivity == .exclusive }
        let others = inApplicationOrder(eligible.filter { promotions[$0].exclusivity != .exclusive })
        var best: [PromotionApplication] = []
        if others.count <= DiscountSearch.exhaustiveLimit {
            let pool = UnitPool(lines: lines, products: products, rule: rule, currency: currency)
            search(others[...], pool: pool, applied: [], groups: [], best: &best)
        } else {
            var chosen: [Int] = []
            var chosenTotal: Int64 = 0
            for rank in others where respectsGroups(chosen + [rank]) {
                let candidate = evaluate(chosen + [rank])
                if total(candidate) > chosenTotal {
                    chosen.append(rank)
                    chosenTotal = total(candidate)
                    if isBetter(candidate, than: best) { best = candidate }
                }
            }
        }
        for rank in exclusive {
            let alone = evaluate([rank])
            if isBetter(alone, than: best) { best = alone }
        }
        return best
    }

    /// Every subset of `rest`, depth first, sharing the pool of the promotions already applied.
    /// A promotion that saves nothing at its turn is only explored as left out: including it
    /// would give the same result.
    private func search(_ rest: ArraySlice<Int>, pool: UnitPool, applied: [PromotionApplication],
                        groups: Set<String>, best: inout [PromotionApplication]) {
        guard let rank = rest.first else {
            if isBetter(applied, than: best) { best = applied }
            return
        }
        let tail = rest.dropFirst()
        var group: String?
        if case .group(let name) = promotions[rank].exclusivity { group = name }
        if group.map({ !groups.contains($0) }) ?? true {
            var next = pool
            if let application = next.apply(promotions[rank], rank: rank) {
                search(tail, pool: next, applied: applied + [application], groups: groups.union(group.map { [$0] } ?? []), best: &best)
            }
        }
        search(tail, pool: pool, applied: applied, groups: groups, best: &best)
    }

    /// Unit-level promotions first, then receipt-level ones, each in rank order.
    private func inApplicationOrder(_ ranks: [Int]) -> [Int] {
        ranks.filter { promotions[$0].kind.isUnitLevel } + ranks.filter { !promotions[$0].kind.isUnitLevel }
    }

    /// Applies the combination to a fresh pool: unit-level promotions in rank order take their
    /// units, then receipt-level ones take their share of what is left.
    func evaluate(_ ranks: [Int]) -> [PromotionApplication] {
        var pool = UnitPool(lines: lines, products: products, rule: rule, currency: currency)
        return inApplicationOrder(ranks).compactMap { pool.apply(promotions[$0], rank: $0) }
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
