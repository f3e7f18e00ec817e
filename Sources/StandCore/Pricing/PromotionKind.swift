/// What a promotion takes off. Percentages are basis points (2000 = 20 %, 10000 = free).
public enum PromotionKind: Hashable, Sendable, Codable {
    /// A percentage off each matching unit; with `maxUnits`, only that many units (the most
    /// expensive ones) get it: a loyalty reward "one hot dog free" is 10000 bp on 1 unit.
    case percentOff(on: ProductSelector, basisPoints: Int, maxUnits: Int? = nil)
    /// A fixed amount off each matching unit, never more than the unit's price.
    case amountOff(on: ProductSelector, perUnit: Money, maxUnits: Int? = nil)
    /// One unit of each selector forms a set (hot dog + cola); each complete set gets the
    /// combo price. Units are taken most expensive first.
    case combo(of: [ProductSelector], price: ComboPrice)
    /// In each group of `buy + get` matching units, the `get` cheapest get `basisPoints` off
    /// (10000 = free). Units are grouped from the most expensive down.
    case buyXGetY(on: ProductSelector, buy: Int, get: Int, basisPoints: Int)
    /// A percentage off the whole receipt, after unit-level promotions.
    case receiptPercentOff(basisPoints: Int)
    /// A fixed amount off the whole receipt, after unit-level promotions, never below zero.
    case receiptAmountOff(amount: Money)

    /// Whether the promotion consumes individual units (each unit at most once) rather than
    /// taking a share of the whole receipt.
    var isUnitLevel: Bool {
        switch self {
        case .percentOff, .amountOff, .combo, .buyXGetY: true
        case .receiptPercentOff, .receiptAmountOff: false
        }
    }
}

/// The price of a complete combo set.
public enum ComboPrice: Hashable, Sendable, Codable {
    /// The set costs this percentage less (2000 = 20 % off the pair).
    case percentOff(basisPoints: Int)
    /// The set costs this amount (a bundle price); a set already cheaper gets nothing.
    case fixedPrice(amount: Money)
}
