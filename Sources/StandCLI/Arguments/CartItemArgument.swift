import ArgumentParser
import StandCore

/// A cart item on the command line: `PRODUCT[+MODIFIER…][:QUANTITY]`, e.g. `hotdog+cheese:2`.
/// PRODUCT is a product id or its keypad hotkey.
struct CartItemArgument: ExpressibleByArgument {
    let product: String
    let modifiers: [ModifierID]
    let quantity: Int

    init?(argument: String) {
        let quantityParts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(quantityParts.count) else { return nil }
        if quantityParts.count == 2 {
            guard let quantity = Int(quantityParts[1]), quantity > 0 else { return nil }
            self.quantity = quantity
        } else {
            quantity = 1
        }
        let names = quantityParts[0].split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard let product = names.first, !product.isEmpty, !names.dropFirst().contains(where: \.isEmpty) else { return nil }
        self.product = product
        modifiers = names.dropFirst().map { ModifierID($0) }
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// The cart item, with a hotkey resolved to its product.
    func cartItem(in catalog: Catalog) -> CartItem {
        let id = catalog.product(ProductID(product)) != nil ? ProductID(product) : catalog.product(hotkey: product)?.id ?? ProductID(product)
        return CartItem(id, quantity: quantity, modifiers: modifiers)
    }
}
