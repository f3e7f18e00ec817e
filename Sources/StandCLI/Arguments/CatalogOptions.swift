import ArgumentParser
import Foundation
import StandCore

/// `--catalog` and `--promotions`: JSON files that replace the embedded demo menu.
struct CatalogOptions: ParsableArguments {
    @Option(help: "A catalog JSON file (default: the embedded demo menu).")
    var catalog: String?

    @Option(help: "A promotions JSON file (default: the demo promotions, or none with --catalog).")
    var promotions: String?

    /// The pricer over the chosen catalog, promotions and the demo's pricing settings.
    func pricer() throws -> Pricer {
        let demo = try DemoStand()
        guard catalog != nil || promotions != nil else { return demo.pricer }
        let chosenCatalog = try catalog.map { path in
            try Self.loading(path, what: "catalog") { data throws(CatalogError) in try Catalog.load(json: data) }
        } ?? demo.catalog
        let chosenPromotions = try promotions.map { path in
            try Self.loading(path, what: "promotions") { data throws(CatalogError) in try Promotion.loadList(json: data) }
        } ?? (catalog == nil ? demo.promotions : [])
        return try Pricer(catalog: chosenCatalog, promotions: chosenPromotions, settings: demo.settings)
    }

    private static func loading<T>(_ path: String, what: String, _ decode: (Data) throws(CatalogError) -> T) throws -> T {
        let data = try read(path, what: what)
        do {
            return try decode(data)
        } catch {
            throw CommandError("the \(what) file \(path) is not usable: \(error)")
        }
    }

    private static func read(_ path: String, what: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read the \(what) file \(path): check the path and its permissions")
        }
        return data
    }
}
