/// Identifiers of catalog and inventory things. Strings chosen by the merchant ("hotdog-classic").
public struct ProductID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An ingredient or consumable tracked in stock: "bun", "sausage", "onions".
public struct InventoryItemID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A tax class a product belongs to ("standard", "reduced", "food-to-go").
public struct TaxClassID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A modifier a product offers: "cheese" (extra cheese), "onions".
public struct ModifierID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A promotion, company-wide or defined by the stand's operator: "combo-hotdog-cola".
public struct PromotionID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A known (registered) customer, e.g. from a loyalty card or the customer app.
public struct CustomerID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

