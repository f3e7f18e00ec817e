import Foundation

/// One change to the stock of one inventory item. Stock levels are never stored as such: they are
/// the sum of all movements of an item (`InventoryLedger`).
///
/// Built through the factories (`deductions(for:)`, `delivery`, `countCorrection`, `waste`,
/// `returns(for:of:)`), which fix the sign of `delta` for each kind.
public struct InventoryMovement: Hashable, Sendable, Codable {
    public let item: InventoryItemID
    /// Change in the item's base unit (pieces, grams, millilitres): negative takes stock away.
    public let delta: Int64
    public let kind: InventoryMovementKind
    public let recordedAt: Date

    private init(item: InventoryItemID, delta: Int64, kind: InventoryMovementKind, recordedAt: Date) {
        self.item = item
        self.delta = delta
        self.kind = kind
        self.recordedAt = recordedAt
    }

    /// What `sale` consumes: recipe × quantity of every line, one movement per item (sorted by item).
    public static func deductions(for sale: Sale) -> [InventoryMovement] {
        consumption(of: sale.cart.lines.map { ($0, $0.quantity) }).map { item, quantity in
            InventoryMovement(item: item, delta: -quantity, kind: .saleDeduction(sale.id), recordedAt: sale.createdAt)
        }
    }

    /// What a restocking refund puts back: the recipe of the refunded units (nothing when the
    /// refund does not restock).
    public static func returns(for refund: Refund, of sale: Sale) -> [InventoryMovement] {
        guard refund.restock, refund.saleID == sale.id else { return [] }
        let units: [(PricedLine, Int)] = switch refund.scope {
        case .wholeSale: sale.cart.lines.map { ($0, $0.quantity) }
        case .line(let index, let quantity):
            sale.cart.lines.indices.contains(index) ? [(sale.cart.lines[index], quantity)] : []
        }
        return consumption(of: units).map { item, quantity in
            InventoryMovement(item: item, delta: quantity, kind: .refundReturn(refund.id), recordedAt: refund.createdAt)
        }
    }

    /// Goods received: `quantity` (> 0) added.
    public static func delivery(item: InventoryItemID, quantity: Int64, reference: String, at date: Date) throws(InventoryError) -> InventoryMovement {
        guard quantity > 0 else { throw .nonPositiveQuantity(item: item, quantity: quantity) }
        return InventoryMovement(item: item, delta: quantity, kind: .delivery(reference: reference), recordedAt: date)
    }

    /// Spoiled or dropped goods: `quantity` (> 0) taken away, with the reason.
    public static func waste(item: InventoryItemID, quantity: Int64, reason: String, at date: Date) throws(InventoryError) -> InventoryMovement {
        guard quantity > 0 else { throw .nonPositiveQuantity(item: item, quantity: quantity) }
        guard !reason.trimmingWhitespace().isEmpty else { throw .missingWasteReason(item: item) }
        return InventoryMovement(item: item, delta: -quantity, kind: .waste(reason: reason), recordedAt: date)
    }

    /// A physical count: the movement that brings `currentLevel` to `counted` (may be zero).
    public static func countCorrection(item: InventoryItemID, counted: Int64, currentLevel: Int64, at date: Date) throws(InventoryError) -> InventoryMovement {
        guard counted >= 0 else { throw .negativeCount(item: item, counted: counted) }
        return InventoryMovement(item: item, delta: counted - currentLevel, kind: .countCorrection(counted: counted), recordedAt: date)
    }

    private static func consumption(of units: [(PricedLine, Int)]) -> [(InventoryItemID, Int64)] {
        var totals: [InventoryItemID: Int64] = [:]
        for (line, quantity) in units {
            for component in line.recipe {
                totals[component.item, default: 0] += component.quantity * Int64(quantity)
            }
        }
        return totals.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private enum CodingKeys: String, CodingKey { case item, delta, kind, recordedAt }

    /// Decodes a stored movement, refusing a sign that does not fit its kind.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let item = try container.decode(InventoryItemID.self, forKey: .item)
        let delta = try container.decode(Int64.self, forKey: .delta)
        let kind = try container.decode(InventoryMovementKind.self, forKey: .kind)
        switch kind {
        case .saleDeduction, .waste: guard delta < 0 else { throw InventoryError.nonPositiveQuantity(item: item, quantity: -delta) }
        case .delivery, .refundReturn: guard delta > 0 else { throw InventoryError.nonPositiveQuantity(item: item, quantity: delta) }
        case .countCorrection(let counted): guard counted >= 0 else { throw InventoryError.negativeCount(item: item, counted: counted) }
        }
        self.init(item: item, delta: delta, kind: kind, recordedAt: try container.decode(Date.self, forKey: .recordedAt))
    }
}

/// Why stock moved.
public enum InventoryMovementKind: Hashable, Sendable, Codable {
    case saleDeduction(SaleID)
    case delivery(reference: String)
    /// A count set the level to `counted`; the movement's delta is the difference found.
    case countCorrection(counted: Int64)
    case waste(reason: String)
    case refundReturn(RefundID)

    /// "sale", "delivery", "count", "waste", "refund-return": the name stored and reported.
    public var name: String {
        switch self {
        case .saleDeduction: "sale"
        case .delivery: "delivery"
        case .countCorrection: "count"
        case .waste: "waste"
        case .refundReturn: "refund-return"
        }
    }
}
