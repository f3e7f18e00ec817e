extension Promotion {
    /// The line a person reads on the receipt: "Happy hour Mon-Fri 17-19: -0.50 each on drinks",
    /// "Welcome: -10 % on the receipt (coupon WELCOME10)". ASCII only, so every printer prints it.
    func reason(discountedUnits: Int, in catalog: Catalog) -> String {
        var text = name
        if let window { text += " \(window)" }
        text += ": " + effect(discountedUnits: discountedUnits, in: catalog)
        if let coupon { text += " (coupon \(coupon.code))" }
        return text
    }

    private func effect(discountedUnits: Int, in catalog: Catalog) -> String {
        switch kind {
        case .percentOff(let selector, let basisPoints, _):
            basisPoints == 10_000
                ? "\(discountedUnits) x \(selector.label(in: catalog)) free"
                : "-\(Promotion.percent(basisPoints)) % on \(selector.label(in: catalog))"
        case .amountOff(let selector, let perUnit, _):
            "-\(perUnit.formattedAmount) each on \(selector.label(in: catalog))"
        case .combo(_, .percentOff(let basisPoints)):
            "-\(Promotion.percent(basisPoints)) %"
        case .combo(_, .fixedPrice(let price)):
            "set for \(price.formattedAmount)"
        case .buyXGetY(let selector, let buy, let get, let basisPoints):
            "buy \(buy) get \(get) \(basisPoints == 10_000 ? "free" : "-\(Promotion.percent(basisPoints)) %") on \(selector.label(in: catalog))"
        case .receiptPercentOff(let basisPoints):
            "-\(Promotion.percent(basisPoints)) % on the receipt"
        case .receiptAmountOff(let amount):
            "-\(amount.formattedAmount) off the receipt"
        }
    }

    /// Basis points as a percentage without trailing zeros: 2000 → "20", 1250 → "12.5".
    static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100, fraction = basisPoints % 100
        guard fraction != 0 else { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
