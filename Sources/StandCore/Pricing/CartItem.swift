/// One entry the operator rang: a product, how many, with which modifiers.
public struct CartItem: Hashable, Sendable, Codable {
    public var productID: ProductID
    public var quantity: Int
    public var modifierIDs: [ModifierID]

    public init(_ productID: ProductID, quantity: Int = 1, modifiers: [ModifierID] = []) {
        self.productID = productID
        self.quantity = quantity
        self.modifierIDs = modifiers
    }
}
