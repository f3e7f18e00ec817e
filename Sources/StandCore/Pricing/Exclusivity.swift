/// Whether a promotion may be combined with others.
public enum Exclusivity: Hashable, Sendable, Codable {
    /// Combines with every other non-exclusive promotion.
    case combinable
    /// Applies alone: it competes with the best combination of all the others.
    case exclusive
    /// At most one promotion of the named group applies (one coupon per receipt); combines
    /// with promotions outside the group.
    case group(name: String)
}
