/// Why an inventory movement was refused.
public enum InventoryError: Error, Hashable, Sendable, CustomStringConvertible {
    case nonPositiveQuantity(item: InventoryItemID, quantity: Int64)
    case negativeCount(item: InventoryItemID, counted: Int64)
    case missingWasteReason(item: InventoryItemID)
    case negativeThreshold(item: InventoryItemID, threshold: Int64)

    public var description: String {
        switch self {
        case .nonPositiveQuantity(let item, let quantity):
            "A quantity of \(quantity) for \(item) is not possible; enter more than zero."
        case .negativeCount(let item, let counted):
            "A count of \(counted) for \(item) is below zero; count again and enter zero or more."
        case .missingWasteReason(let item):
            "Waste of \(item) needs a reason (dropped, expired, burnt); enter one."
        case .negativeThreshold(let item, let threshold):
            "A low-stock threshold of \(threshold) for \(item) is below zero; enter zero or more."
        }
    }
}
