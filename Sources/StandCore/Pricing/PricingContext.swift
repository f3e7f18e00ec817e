import Foundation

/// The circumstances of one pricing: when, which coupons were entered, who the customer is.
public struct PricingContext: Hashable, Sendable {
    /// The moment of the sale; promotion windows and validity dates are checked against it.
    public var date: Date
    /// Coupon codes the operator entered or scanned; compared case-insensitively.
    public var couponCodes: [String]
    /// The known customer, if one identified themselves.
    public var customer: KnownCustomer?
    /// How often each coupon code has been redeemed so far (upper-case code → count), for
    /// coupons with a usage limit. A missing code counts as never redeemed.
    public var couponUsage: [String: Int]

    public init(date: Date, couponCodes: [String] = [], customer: KnownCustomer? = nil, couponUsage: [String: Int] = [:]) {
        self.date = date
        self.couponCodes = couponCodes
        self.customer = customer
        self.couponUsage = couponUsage
    }
}

/// A registered customer and how many purchases they made before this one.
public struct KnownCustomer: Hashable, Sendable, Codable {
    public let id: CustomerID
    public let priorPurchases: Int

    public init(id: CustomerID, priorPurchases: Int) {
        self.id = id
        self.priorPurchases = priorPurchases
    }
}
