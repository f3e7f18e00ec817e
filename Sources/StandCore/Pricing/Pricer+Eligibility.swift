import Foundation

extension Pricer {
    /// Ranks of the promotions that may apply to these lines in this context.
    ///
    /// Every entered coupon must unlock a promotion that is valid now; otherwise pricing fails
    /// with an error the operator can act on (the sale continues without the coupon).
    func eligiblePromotions(for products: [Product], context: PricingContext) throws(PricingError) -> [Int] {
        var entered: [String] = []
        for raw in context.couponCodes {
            let code = CouponRequirement.normalize(raw)
            if !code.isEmpty && !entered.contains(code) { entered.append(code) }
        }
        for code in entered { try checkCoupon(code, context: context) }
        return promotions.indices.filter { rank in
            let promotion = promotions[rank]
            if let coupon = promotion.coupon {
                guard entered.contains(coupon.code), !isExhausted(coupon, context: context) else { return false }
            }
            return isValid(promotion, at: context.date)
                && (promotion.window?.contains(context.date, in: settings.timeZone) ?? true)
                && (promotion.customerRule?.admits(context.customer) ?? true)
                && canApply(promotion, to: products)
        }
    }

    private func checkCoupon(_ code: String, context: PricingContext) throws(PricingError) {
        guard let promotion = promotions.first(where: { $0.coupon?.code == code }), let coupon = promotion.coupon else {
            throw .unknownCoupon(code)
        }
        if let from = promotion.validFrom, context.date < from { throw .couponNotYetValid(code, from: from) }
        if let until = promotion.validUntil, context.date >= until { throw .couponExpired(code, until: until) }
        if let limit = coupon.usageLimit, isExhausted(coupon, context: context) { throw .couponExhausted(code, limit: limit) }
        if let window = promotion.window, !window.contains(context.date, in: settings.timeZone) {
            throw .couponNotApplicable(code, reason: "it is valid \(window)")
        }
        if let rule = promotion.customerRule, !rule.admits(context.customer) {
            throw .couponNotApplicable(code, reason: "it is for \(rule.label)")
        }
    }

    private func isExhausted(_ coupon: CouponRequirement, context: PricingContext) -> Bool {
        guard let limit = coupon.usageLimit else { return false }
        let used = context.couponUsage.reduce(0) { $0 + (CouponRequirement.normalize($1.key) == coupon.code ? $1.value : 0) }
        return used >= limit
    }

    private func isValid(_ promotion: Promotion, at date: Date) -> Bool {
        if let from = promotion.validFrom, date < from { return false }
        if let until = promotion.validUntil, date >= until { return false }
        return true
    }

    /// Whether the promotion could take anything off these products at all.
    private func canApply(_ promotion: Promotion, to products: [Product]) -> Bool {
        switch promotion.kind {
        case .percentOff(let selector, _, _), .amountOff(let selector, _, _), .buyXGetY(let selector, _, _, _):
            products.contains(where: selector.matches)
        case .combo(let selectors, _):
            selectors.allSatisfy { products.contains(where: $0.matches) }
        case .receiptPercentOff, .receiptAmountOff:
            !products.isEmpty
        }
    }
}
