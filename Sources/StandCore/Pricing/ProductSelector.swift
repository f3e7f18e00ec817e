/// Which products a promotion targets: listed products, whole categories, or both.
public struct ProductSelector: Hashable, Sendable, Codable {
    public let products: [ProductID]
    public let categories: [String]

    public init(products: [ProductID] = [], categories: [String] = []) {
        self.products = products
        self.categories = categories
    }

    public static func products(_ ids: ProductID...) -> ProductSelector { ProductSelector(products: ids) }
    public static func category(_ names: String...) -> ProductSelector { ProductSelector(categories: names) }

    public func matches(_ product: Product) -> Bool {
        products.contains(product.id) || categories.contains(product.category)
    }

    /// "hot dogs", "Cola, Water": product names from the catalog, then category names.
    func label(in catalog: Catalog) -> String {
        (products.map { catalog.product($0)?.name ?? $0.rawValue } + categories).joined(separator: ", ")
    }

    private enum CodingKeys: String, CodingKey { case products, categories }

    /// Either list may be left out of a file.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(products: try container.decodeIfPresent([ProductID].self, forKey: .products) ?? [],
                  categories: try container.decodeIfPresent([String].self, forKey: .categories) ?? [])
    }
}
