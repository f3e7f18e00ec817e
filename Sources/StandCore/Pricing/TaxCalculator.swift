/// Tax per rate on the discounted line amounts, rounded per line or per receipt.
struct TaxCalculator {
    let rates: [TaxClassID: Int]
    let settings: PricingSettings
    let currency: Currency

    /// One ``TaxLine`` per tax class present in the cart, sorted by tax class.
    /// `discounted[i]` is line `i`'s amount after its share of every discount.
    func taxes(lines: [PricedLine], discounted: [Money]) -> [TaxLine] {
        let classes = Set(lines.map(\.taxClass)).sorted()
        return classes.map { taxClass in
            let rate = rates[taxClass] ?? 0
            let amounts = lines.indices.filter { lines[$0].taxClass == taxClass }.map { discounted[$0] }
            let sum = Money.sum(amounts, currency)
            let tax = switch settings.taxRounding {
            case .perLine: Money.sum(amounts.map { self.tax(on: $0, rate: rate) }, currency)
            case .perReceipt: self.tax(on: sum, rate: rate)
            }
            let base = settings.taxMode == .inclusive ? sum - tax : sum
            return TaxLine(taxClass: taxClass, rateBasisPoints: rate, base: base, amount: tax)
        }
    }

    private func tax(on amount: Money, rate: Int) -> Money {
        switch settings.taxMode {
        case .inclusive: amount.taxContainedInGross(rateBasisPoints: rate, rule: settings.roundingRule)
        case .exclusive: amount.taxOnNet(rateBasisPoints: rate, rule: settings.roundingRule)
        }
    }
}
