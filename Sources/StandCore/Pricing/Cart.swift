/// What the operator rang up, before pricing. Each item becomes one line of the priced cart,
/// in the same order.
public struct Cart: Hashable, Sendable, Codable, ExpressibleByArrayLiteral {
    public var items: [CartItem]

    public init(_ items: [CartItem] = []) {
        self.items = items
    }

    public init(arrayLiteral items: CartItem...) {
        self.items = items
    }

    public var isEmpty: Bool { items.isEmpty }
}
