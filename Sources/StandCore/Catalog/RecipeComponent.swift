/// How much of one inventory item selling one unit consumes: 1 bun, 1 sausage, 20 g onions.
/// Quantities are integers in the item's base unit (pieces, grams, millilitres).
public struct RecipeComponent: Hashable, Sendable, Codable {
    public let item: InventoryItemID
    public let quantity: Int64

    public init(_ item: InventoryItemID, _ quantity: Int64) {
        self.item = item
        self.quantity = quantity
    }
}
