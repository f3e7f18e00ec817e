import Foundation

/// Prices carts: lines from the catalog, the best combination of promotions, taxes.
///
/// ```swift
/// let pricer = try Pricer(catalog: catalog, promotions: promotions, settings: settings)
/// let priced = try pricer.price([CartItem("hotdog", quantity: 2), CartItem("cola")],
///                               context: PricingContext(date: .now, couponCodes: ["WELCOME10"]))
/// ```
/// Pricing is a pure function of the cart, the context and the pricer's configuration: the same
/// input gives the same ``PricedCart``, whatever order the promotions were given in.
public struct Pricer: Sendable {
    /// The largest quantity one cart item may have.
    public static let maximumQuantity = 999

    public let catalog: Catalog
    /// The promotions in ranking order: priority (highest first), then id.
    public let promotions: [Promotion]
    public let settings: PricingSettings

    /// Checks every promotion against the catalog: unique ids and coupon codes, known
    /// products, amounts in the catalog's currency, sensible percentages and counts.
    public init(catalog: Catalog, promotions: [Promotion], settings: PricingSettings) throws(PricingError) {
        let ranked = promotions.sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.id < $1.id }
        var ids: Set<PromotionID> = []
        var codes: [String: PromotionID] = [:]
        for promotion in ranked {
            guard ids.insert(promotion.id).inserted else {
                throw .invalidPromotion(promotion.id, problem: "another promotion has the same id")
            }
            if let code = promotion.coupon?.code {
                if let other = codes[code] {
                    throw .invalidPromotion(promotion.id, problem: "coupon code \(code) is also used by promotion \"\(other)\"")
                }
                codes[code] = promotion.id
            }
            try promotion.validate(against: catalog)
        }
        self.catalog = catalog
        self.promotions = ranked
        self.settings = settings
    }

    /// Prices `cart` at `context.date`. Lines keep the cart's order; discounts are listed
    /// unit-level first, each in ranking order.
    public func price(_ cart: Cart, context: PricingContext) throws(PricingError) -> PricedCart {
        var lines: [PricedLine] = []
        var products: [Product] = []
        for item in cart.items {
            let product = try sellableProduct(item, at: context.date)
            lines.append(try line(for: item, product: product))
            products.append(product)
        }
        let eligible = try eligiblePromotions(for: products, context: context)
        let search = DiscountSearch(lines: lines, products: products, promotions: promotions,
                                    rule: settings.roundingRule, currency: catalog.currency)
        var discounted = lines.map(\.amount)
        let discounts = search.best(of: eligible).map { application in
            let lineIndexes = application.allocations.keys.sorted()
            let allocations = lineIndexes.map { Money(cents: application.allocations[$0]!, catalog.currency) }
            for (line, part) in zip(lineIndexes, allocations) { discounted[line] -= part }
            let promotion = promotions[application.rank]
            return AppliedDiscount(promotionID: promotion.id.rawValue,
                                   reason: promotion.reason(discountedUnits: application.discountedUnits, in: catalog),
                                   amount: Money(cents: application.amount, catalog.currency),
                                   lineIndexes: lineIndexes, allocations: allocations)
        }
        let taxes = TaxCalculator(rates: catalog.taxRates, settings: settings, currency: catalog.currency)
            .taxes(lines: lines, discounted: discounted)
        return PricedCart(currency: catalog.currency, taxMode: settings.taxMode, lines: lines, discounts: discounts, taxes: taxes)
    }

    /// The coupon codes a priced cart used: count each as redeemed once the sale commits.
    public func redeemedCoupons(in cart: PricedCart) -> [String] {
        cart.discounts.compactMap { discount in
            promotions.first { $0.id.rawValue == discount.promotionID }?.coupon?.code
        }
    }

    private func sellableProduct(_ item: CartItem, at date: Date) throws(PricingError) -> Product {
        guard let product = catalog.product(item.productID) else { throw .unknownProduct(item.productID) }
        guard (1...Pricer.maximumQuantity).contains(item.quantity) else {
            throw .invalidQuantity(item.quantity, product: product.id)
        }
        switch product.availability {
        case .available: break
        case .soldOut: throw .soldOut(product.id, name: product.name, substitutes: sellableSubstitutes(of: product, at: date))
        case .hidden: throw .notSold(product.id, name: product.name)
        }
        if let hours = product.sellingHours, !hours.contains(date, in: settings.timeZone) {
            throw .outsideSellingHours(product.id, name: product.name, hours: hours)
        }
        return product
    }

    private func sellableSubstitutes(of product: Product, at date: Date) -> [String] {
        catalog.substitutes(for: product.id)
            .filter { $0.sellingHours?.contains(date, in: settings.timeZone) ?? true }
            .map(\.name)
    }

    /// The line for one cart item: unit price with modifiers, modifier names, merged recipe.
    private func line(for item: CartItem, product: Product) throws(PricingError) -> PricedLine {
        var unitPrice = product.price
        var names: [String] = []
        var recipe = product.recipe
        for modifierID in item.modifierIDs {
            guard let modifier = product.modifier(modifierID) else { throw .unknownModifier(modifierID, product: product.id) }
            unitPrice += modifier.priceDelta
            names.append(modifier.name)
            for component in modifier.recipeDelta {
                if let index = recipe.firstIndex(where: { $0.item == component.item }) {
                    recipe[index] = RecipeComponent(component.item, recipe[index].quantity + component.quantity)
                } else {
                    recipe.append(component)
                }
            }
        }
        return PricedLine(productID: product.id, name: product.name, quantity: item.quantity, unitPrice: unitPrice,
                          modifiers: names, taxClass: product.taxClass, recipe: recipe.filter { $0.quantity > 0 })
    }
}
