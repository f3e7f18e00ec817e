import Foundation

/// Everything a stand sells, in one currency, with the tax rate of each tax class.
///
/// A `Catalog` is validated when it is made: every product id and keypad code is unique, every
/// tax class has a rate, every amount is in the catalog's currency and not negative, every
/// substitute exists. A catalog that exists is therefore usable.
public struct Catalog: Hashable, Sendable, Codable {
    public let currency: Currency
    /// Rate of each tax class in basis points: `["standard": 1900, "reduced": 700]`.
    public let taxRates: [TaxClassID: Int]
    /// In display (keypad menu) order.
    public let products: [Product]

    private let indexByID: [ProductID: Int]
    private let indexByHotkey: [String: Int]

    public init(currency: Currency, taxRates: [TaxClassID: Int], products: [Product]) throws(CatalogError) {
        for (taxClass, rate) in taxRates.sorted(by: { $0.key < $1.key }) where !(0...10_000).contains(rate) {
            throw .invalidTaxRate(taxClass, basisPoints: rate)
        }
        var byID: [ProductID: Int] = [:]
        var byHotkey: [String: Int] = [:]
        for (index, product) in products.enumerated() {
            guard byID[product.id] == nil else { throw .duplicateProductID(product.id) }
            byID[product.id] = index
            if let key = product.hotkey {
                guard (1...6).contains(key.count), key.allSatisfy(\.isASCIIDigit) else {
                    throw .invalidHotkey(product.id, hotkey: key)
                }
                if let other = byHotkey[key] {
                    throw .duplicateHotkey(key, first: products[other].id, second: product.id)
                }
                byHotkey[key] = index
            }
            try Catalog.validate(product, currency: currency, taxRates: taxRates)
        }
        for product in products {
            for substitute in product.substitutes where byID[substitute] == nil || substitute == product.id {
                throw .unknownSubstitute(product.id, substitute: substitute)
            }
        }
        self.currency = currency
        self.taxRates = taxRates
        self.products = products
        self.indexByID = byID
        self.indexByHotkey = byHotkey
    }

    private static func validate(_ product: Product, currency: Currency, taxRates: [TaxClassID: Int]) throws(CatalogError) {
        guard taxRates[product.taxClass] != nil else { throw .unknownTaxClass(product.id, product.taxClass) }
        var amounts = [("price", product.price)]
        var modifierIDs: Set<ModifierID> = []
        for modifier in product.modifiers {
            guard modifierIDs.insert(modifier.id).inserted else { throw .duplicateModifier(product.id, modifier.id) }
            amounts.append(("modifier \(modifier.id)", modifier.priceDelta))
        }
        for (field, amount) in amounts {
            guard amount.currency == currency else {
                throw .currencyMismatch(product.id, field: field, expected: currency, found: amount.currency)
            }
            guard !amount.isNegative else { throw .negativePrice(product.id, field: field, amount) }
        }
    }

    /// The product with this id.
    public func product(_ id: ProductID) -> Product? {
        indexByID[id].map { products[$0] }
    }

    /// The product the operator selects with this keypad code.
    public func product(hotkey: String) -> Product? {
        indexByHotkey[hotkey].map { products[$0] }
    }

    /// The substitutes of a product that can be sold now (not sold out, not hidden), in the
    /// catalog's preference order. Empty for an unknown product.
    public func substitutes(for id: ProductID) -> [Product] {
        guard let product = product(id) else { return [] }
        return product.substitutes.compactMap { self.product($0) }.filter { $0.availability == .available }
    }

    /// A copy of the catalog with one product's availability changed (the operator marks it sold out).
    public func setting(_ availability: Availability, for id: ProductID) throws(CatalogError) -> Catalog {
        guard let index = indexByID[id] else { throw .unknownProduct(id) }
        var changed = products
        changed[index] = products[index].with(availability: availability)
        return try Catalog(currency: currency, taxRates: taxRates, products: changed)
    }

    /// Decodes and validates a catalog file. Every problem, whether bad JSON, a missing field or
    /// an invalid catalog, is reported as a ``CatalogError`` naming the field path.
    public static func load(json: Data) throws(CatalogError) -> Catalog {
        try CatalogFile.decode(Catalog.self, from: json)
    }

    /// The JSON form of the catalog, as ``load(json:)`` reads it.
    public func json() -> Data {
        CatalogFile.encode(self)
    }

    private enum CodingKeys: String, CodingKey { case currency, taxRates, products }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(currency: container.decode(Currency.self, forKey: .currency),
                      taxRates: container.decode([TaxClassID: Int].self, forKey: .taxRates),
                      products: container.decode([Product].self, forKey: .products))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currency, forKey: .currency)
        try container.encode(taxRates, forKey: .taxRates)
        try container.encode(products, forKey: .products)
    }

    public static func == (a: Catalog, b: Catalog) -> Bool {
        a.currency == b.currency && a.taxRates == b.taxRates && a.products == b.products
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(currency)
        hasher.combine(products)
    }
}
