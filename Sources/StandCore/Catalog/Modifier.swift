/// An option the operator adds to a product: extra cheese (+0.50, one more cheese slice),
/// onions (free, 20 g onions).
public struct Modifier: Hashable, Sendable, Codable, Identifiable {
    public let id: ModifierID
    /// The name printed on the receipt: "extra cheese".
    public let name: String
    /// Added to the product's unit price; never negative.
    public let priceDelta: Money
    /// Added to the product's recipe for each unit sold with this modifier.
    public let recipeDelta: [RecipeComponent]

    public init(id: ModifierID, name: String, priceDelta: Money, recipeDelta: [RecipeComponent] = []) {
        self.id = id
        self.name = name
        self.priceDelta = priceDelta
        self.recipeDelta = recipeDelta
    }

    private enum CodingKeys: String, CodingKey { case id, name, priceDelta, recipeDelta }

    /// `recipeDelta` may be left out of a catalog file.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(ModifierID.self, forKey: .id),
                  name: try container.decode(String.self, forKey: .name),
                  priceDelta: try container.decode(Money.self, forKey: .priceDelta),
                  recipeDelta: try container.decodeIfPresent([RecipeComponent].self, forKey: .recipeDelta) ?? [])
    }
}
