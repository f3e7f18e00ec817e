import ArgumentParser
import StandCore

/// `standctl catalog`: the menu the stand sells from, with hotkeys and active promotions.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Show the products, modifiers and promotions.",
        discussion: "--json prints the catalog as a catalog file instead (the demo menu, or --catalog FILE checked and "
            + "normalised), to start a stand's own: standctl catalog --json > catalog.json")

    @OptionGroup var catalog: CatalogOptions

    @Flag(help: "Print the catalog in the JSON file format standd's `catalog` setting reads.")
    var json = false

    func run() throws {
        let pricer = try catalog.pricer()
        guard !json else { return print(String(decoding: pricer.catalog.json(), as: UTF8.self)) }
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
