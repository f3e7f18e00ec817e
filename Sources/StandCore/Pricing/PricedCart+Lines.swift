extension PricedCart {
    /// The amount of line `index` after the discounts allocated to it: what tax is computed on
    /// (gross in tax-inclusive mode, net in tax-exclusive mode).
    public func discountedAmount(ofLine index: Int) -> Money {
        var amount = lines[index].amount
        for discount in discounts {
            for (position, line) in discount.lineIndexes.enumerated() where line == index && position < discount.allocations.count {
                amount -= discount.allocations[position]
            }
        }
        return amount
    }
}
