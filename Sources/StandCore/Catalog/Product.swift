/// Something the stand sells: a classic hot dog, a cola.
public struct Product: Hashable, Sendable, Codable, Identifiable {
    public let id: ProductID
    /// The name on the display and the receipt: "Classic hot dog".
    public let name: String
    /// The keypad code (PLU) the operator types: "1", "101". Digits only; nil when the product is
    /// only sold through other channels (pre-paid app orders).
    public let hotkey: String?
    /// Unit price before modifiers: gross in tax-inclusive mode, net in tax-exclusive mode.
    public let price: Money
    public let taxClass: TaxClassID
    /// A free-form grouping promotions can target: "hot dogs", "drinks".
    public let category: String
    public let modifiers: [Modifier]
    /// What selling one unit consumes from inventory.
    public let recipe: [RecipeComponent]
    public let availability: Availability
    /// Hours the product is sold (breakfast coffee); nil for always.
    public let sellingHours: TimeWindow?
    /// Products offered instead when this one is sold out (gluten-free dog → classic dog), in
    /// the order they should be offered.
    public let substitutes: [ProductID]

    public init(id: ProductID, name: String, hotkey: String?, price: Money, taxClass: TaxClassID,
                category: String, modifiers: [Modifier] = [], recipe: [RecipeComponent] = [],
                availability: Availability = .available, sellingHours: TimeWindow? = nil,
                substitutes: [ProductID] = []) {
        self.id = id
        self.name = name
        self.hotkey = hotkey
        self.price = price
        self.taxClass = taxClass
        self.category = category
        self.modifiers = modifiers
        self.recipe = recipe
        self.availability = availability
        self.sellingHours = sellingHours
        self.substitutes = substitutes
    }

    /// The modifier with this id, if the product offers it.
    public func modifier(_ id: ModifierID) -> Modifier? {
        modifiers.first { $0.id == id }
    }

    /// A copy with another availability: the operator marks a product sold out.
    public func with(availability: Availability) -> Product {
        Product(id: id, name: name, hotkey: hotkey, price: price, taxClass: taxClass, category: category,
                modifiers: modifiers, recipe: recipe, availability: availability,
                sellingHours: sellingHours, substitutes: substitutes)
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, hotkey, price, taxClass, category, modifiers, recipe, availability, sellingHours, substitutes
    }

    /// Lists and availability may be left out of a catalog file: they default to empty / available.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(ProductID.self, forKey: .id),
                  name: try container.decode(String.self, forKey: .name),
                  hotkey: try container.decodeIfPresent(String.self, forKey: .hotkey),
                  price: try container.decode(Money.self, forKey: .price),
                  taxClass: try container.decode(TaxClassID.self, forKey: .taxClass),
                  category: try container.decode(String.self, forKey: .category),
                  modifiers: try container.decodeIfPresent([Modifier].self, forKey: .modifiers) ?? [],
                  recipe: try container.decodeIfPresent([RecipeComponent].self, forKey: .recipe) ?? [],
                  availability: try container.decodeIfPresent(Availability.self, forKey: .availability) ?? .available,
                  sellingHours: try container.decodeIfPresent(TimeWindow.self, forKey: .sellingHours),
                  substitutes: try container.decodeIfPresent([ProductID].self, forKey: .substitutes) ?? [])
    }
}
