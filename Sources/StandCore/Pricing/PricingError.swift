import Foundation

/// Why a cart could not be priced (or a set of promotions not used), in the operator's words.
public enum PricingError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownProduct(ProductID)
    case unknownModifier(ModifierID, product: ProductID)
    /// Quantities are 1 … ``Pricer/maximumQuantity``.
    case invalidQuantity(Int, product: ProductID)
    case soldOut(ProductID, name: String, substitutes: [String])
    /// The product is delisted (hidden) in the catalog.
    case notSold(ProductID, name: String)
    case outsideSellingHours(ProductID, name: String, hours: TimeWindow)
    case unknownCoupon(String)
    case couponNotYetValid(String, from: Date)
    case couponExpired(String, until: Date)
    case couponExhausted(String, limit: Int)
    /// The coupon exists and is valid, but not now or not for this customer.
    case couponNotApplicable(String, reason: String)
    /// A promotion that cannot be used with this catalog; found when the ``Pricer`` is made.
    case invalidPromotion(PromotionID, problem: String)

    public var description: String {
        switch self {
        case .unknownProduct(let id):
            "There is no product \"\(id)\" in the catalog. Check the product code."
        case .unknownModifier(let modifier, let product):
            "Product \"\(product)\" has no option \"\(modifier)\". Remove the option or choose one the product offers."
        case .invalidQuantity(let quantity, let product):
            "Quantity \(quantity) for \"\(product)\" is not possible; enter 1 to \(Pricer.maximumQuantity)."
        case .soldOut(_, let name, let substitutes):
            substitutes.isEmpty
                ? "\(name) is sold out. Remove it from the sale."
                : "\(name) is sold out. Offer \(substitutes.joined(separator: " or ")) instead, or remove it from the sale."
        case .notSold(_, let name):
            "\(name) is no longer sold. Remove it from the sale."
        case .outsideSellingHours(_, let name, let hours):
            "\(name) is only sold \(hours). Remove it from the sale."
        case .unknownCoupon(let code):
            "Coupon \(code) is not known. Check the code with the customer, or continue without it."
        case .couponNotYetValid(let code, let from):
            "Coupon \(code) is valid only from \(from.formatted(.iso8601)). Continue without it."
        case .couponExpired(let code, let until):
            "Coupon \(code) expired at \(until.formatted(.iso8601)). Continue without it."
        case .couponExhausted(let code, let limit):
            "Coupon \(code) has been used up (limit \(limit)). Continue without it."
        case .couponNotApplicable(let code, let reason):
            "Coupon \(code) does not apply now: \(reason). Continue without it."
        case .invalidPromotion(let id, let problem):
            "Promotion \"\(id)\" cannot be used: \(problem). Fix or remove the promotion."
        }
    }
}
