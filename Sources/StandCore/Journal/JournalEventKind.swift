/// What a journal entry records. The raw value is what the hash covers.
public enum JournalEventKind: String, Hashable, Sendable, Codable, CaseIterable {
    case sale
    case refund
    case void
    case inventoryDelivery = "inventory-delivery"
    case inventoryCount = "inventory-count"
    case inventoryWaste = "inventory-waste"
}
