/// Stock levels derived by folding inventory movements, and the items running low.
public struct InventoryLedger: Hashable, Sendable {
    public private(set) var levels: [InventoryItemID: Int64] = [:]

    public init(_ movements: [InventoryMovement] = []) {
        for movement in movements { apply(movement) }
    }

    public mutating func apply(_ movement: InventoryMovement) {
        levels[movement.item, default: 0] += movement.delta
    }

    /// The level of `item`; zero for an item never moved.
    public func level(of item: InventoryItemID) -> Int64 { levels[item] ?? 0 }

    /// Every item that has a level or a threshold, sorted by item, with its threshold.
    public func stockLevels(thresholds: [InventoryItemID: Int64]) -> [StockLevel] {
        Self.stockLevels(levels: levels, thresholds: thresholds)
    }

    /// Combines levels and thresholds into sorted `StockLevel`s.
    public static func stockLevels(levels: [InventoryItemID: Int64], thresholds: [InventoryItemID: Int64]) -> [StockLevel] {
        Set(levels.keys).union(thresholds.keys).sorted().map { item in
            StockLevel(item: item, quantity: levels[item] ?? 0, lowStockThreshold: thresholds[item])
        }
    }

    /// The items whose level is at or below their threshold, sorted by item.
    public static func lowStock(levels: [InventoryItemID: Int64], thresholds: [InventoryItemID: Int64]) -> [StockLevel] {
        stockLevels(levels: levels, thresholds: thresholds).filter(\.isLow)
    }
}

/// The current stock of one item and its low-stock threshold, if one is set.
public struct StockLevel: Hashable, Sendable, Codable {
    public let item: InventoryItemID
    public let quantity: Int64
    public let lowStockThreshold: Int64?

    public init(item: InventoryItemID, quantity: Int64, lowStockThreshold: Int64?) {
        self.item = item
        self.quantity = quantity
        self.lowStockThreshold = lowStockThreshold
    }

    /// True when a threshold is set and the level is at or below it.
    public var isLow: Bool {
        guard let lowStockThreshold else { return false }
        return quantity <= lowStockThreshold
    }
}
