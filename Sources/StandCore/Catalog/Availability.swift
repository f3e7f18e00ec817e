/// Whether a product can be sold right now.
public enum Availability: String, Hashable, Sendable, Codable, CaseIterable {
    /// On the keypad and sellable.
    case available
    /// Out of stock for now; the operator is offered the product's substitutes instead.
    case soldOut
    /// Delisted: kept so older sales and reports still name it, but not sold.
    case hidden
}
