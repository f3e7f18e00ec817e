/// A coupon code a promotion requires, and how often it may be redeemed in total.
public struct CouponRequirement: Hashable, Sendable, Codable {
    /// Stored upper case; entered codes are compared case-insensitively.
    public let code: String
    /// nil for unlimited.
    public let usageLimit: Int?

    public init(code: String, usageLimit: Int? = nil) {
        self.code = CouponRequirement.normalize(code)
        self.usageLimit = usageLimit
    }

    static func normalize(_ code: String) -> String {
        String(code.trimmingWhitespace()).uppercased()
    }
}
