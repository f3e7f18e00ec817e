extension Promotion {
    /// Checks the promotion can be used with `catalog`; throws ``PricingError/invalidPromotion(_:problem:)``.
    func validate(against catalog: Catalog) throws(PricingError) {
        func fail(_ problem: String) -> PricingError { .invalidPromotion(id, problem: problem) }
        func check(percent basisPoints: Int) throws(PricingError) {
            guard (1...10_000).contains(basisPoints) else {
                throw fail("a percentage is 1 to 10000 basis points (20 % = 2000), not \(basisPoints)")
            }
        }
        func check(_ amount: Money, allowZero: Bool = false) throws(PricingError) {
            guard amount.currency == catalog.currency else { throw fail("\(amount) is not in the catalog's currency \(catalog.currency)") }
            guard amount.cents > 0 || (allowZero && amount.cents == 0) else { throw fail("the amount \(amount) must be positive") }
        }
        func check(_ selector: ProductSelector) throws(PricingError) {
            guard !selector.products.isEmpty || !selector.categories.isEmpty else { throw fail("it names no products or categories") }
            for product in selector.products where catalog.product(product) == nil {
                throw fail("the catalog has no product \"\(product)\"")
            }
        }
        func check(maxUnits: Int?) throws(PricingError) {
            if let maxUnits, maxUnits < 1 { throw fail("maxUnits must be at least 1") }
        }
        switch kind {
        case .percentOff(let selector, let basisPoints, let maxUnits):
            try check(selector); try check(percent: basisPoints); try check(maxUnits: maxUnits)
        case .amountOff(let selector, let perUnit, let maxUnits):
            try check(selector); try check(perUnit); try check(maxUnits: maxUnits)
        case .combo(let selectors, let price):
            guard selectors.count >= 2 else { throw fail("a combo needs at least two products or categories") }
            for selector in selectors { try check(selector) }
            switch price {
            case .percentOff(let basisPoints): try check(percent: basisPoints)
            case .fixedPrice(let amount): try check(amount, allowZero: true)
            }
        case .buyXGetY(let selector, let buy, let get, let basisPoints):
            try check(selector); try check(percent: basisPoints)
            guard buy >= 1, get >= 1 else { throw fail("buy and get must both be at least 1") }
        case .receiptPercentOff(let basisPoints):
            try check(percent: basisPoints)
        case .receiptAmountOff(let amount):
            try check(amount)
        }
        if let validFrom, let validUntil, validFrom >= validUntil { throw fail("it ends before it starts") }
        if let coupon {
            guard !coupon.code.isEmpty else { throw fail("its coupon code is empty") }
            if let limit = coupon.usageLimit, limit < 1 { throw fail("a coupon's usage limit is at least 1") }
        }
        if case .everyNthPurchase(let n) = customerRule, n < 1 { throw fail("every Nth purchase needs N of at least 1") }
    }
}
