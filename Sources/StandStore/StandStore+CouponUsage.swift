import GRDB
import StandCore

extension StandStore {
    /// How many stored sales each coupon of `promotions` was redeemed on, keyed by the coupon's
    /// upper-case code: the `couponUsage` a `PricingContext` needs to enforce usage limits.
    public func couponUsage(_ promotions: [Promotion]) throws(StoreError) -> [String: Int] {
        let coupons = promotions.compactMap { promotion in promotion.coupon.map { (promotion.id.rawValue, $0.code.uppercased()) } }
        guard !coupons.isEmpty else { return [:] }
        return try read { db in
            var usage: [String: Int] = [:]
            for (promotionID, code) in coupons {
                usage[code] = try Int.fetchOne(db, sql: """
                    SELECT COUNT(DISTINCT sale_id) FROM sale_discounts WHERE promotion_id = ?
                    """, arguments: [promotionID]) ?? 0
            }
            return usage
        }
    }
}
