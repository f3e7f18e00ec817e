import ArgumentParser
import StandCore

/// `standctl catalog`: the menu the stand sells from, with hotkeys and active promotions.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Show the products, modifiers and promotions.")

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        let pricer = try catalog.pricer()
        var table = TextTable([("key", .right), ("product", .left), ("name", .left), ("price", .right), ("tax", .left),
                               ("modifiers", .left)])
        for product in pricer.catalog.products {
            let modifiers = product.modifiers.map { "+\($0.id) \($0.priceDelta.formattedAmount)" }.joined(separator: ", ")
            let rate = pricer.catalog.taxRates[product.taxClass].map(SaleFormatter.percent) ?? "?"
            table.append([product.hotkey ?? "", product.id.rawValue, product.name, product.price.formattedAmount,
                          "\(product.taxClass) \(rate)", modifiers])
        }
        print("Prices in \(pricer.catalog.currency), tax \(pricer.settings.taxMode == .inclusive ? "included" : "added on top")")
        print(table.render())
        guard !pricer.promotions.isEmpty else { return }
        print("\nPromotions:")
        for promotion in pricer.promotions {
            print("  \(promotion.id): \(promotion.name)\(promotion.coupon.map { " (coupon \($0.code))" } ?? "")")
        }
    }
}
