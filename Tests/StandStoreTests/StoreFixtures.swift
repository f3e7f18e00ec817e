import Foundation
import StandCore
import Testing
@testable import StandStore

let testStand: StandID = "test-stand"

/// The two kinds of database every store test body runs on.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case inMemory
    case tempFile

    var testDescription: String { rawValue }

    func makeStore() throws -> StandStore {
        switch self {
        case .inMemory: try StandStore.inMemory(standID: testStand)
        case .tempFile: try StandStore.open(dataDirectory: try TempDirectory().path, standID: testStand)
        }
    }
}

/// A fresh directory under the system temp directory. Left for the OS to clean: tests that
/// kill processes must not race a deletion.
struct TempDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("standstore-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var databasePath: String { (path as NSString).appendingPathComponent(StandStore.databaseFileName) }
}

func eur(_ cents: Int64) -> Money { Money(cents: cents, .eur) }

let hotdog = PricedLine(productID: "hotdog", name: "Hot dog", quantity: 2, unitPrice: eur(350), modifiers: ["extra cheese"],
                        taxClass: "food", recipe: [RecipeComponent("bun", 1), RecipeComponent("sausage", 1), RecipeComponent("onions", 20)])
let cola = PricedLine(productID: "cola", name: "Cola", quantity: 1, unitPrice: eur(250), modifiers: [], taxClass: "drinks",
                      recipe: [RecipeComponent("cola-can", 1)])

/// 2 hot dogs (7.00) + cola (2.50) = 9.50, combo discount 0.50 spread 0.37 / 0.13 (7.00 and 2.50
/// in proportion, the odd cent to the larger remainder) → 9.00, tax-inclusive: food 7 % contained
/// in 6.63 = 0.43 (6.63 × 7/107 = 0.4337), drinks 19 % contained in 2.37 = 0.38 (2.37 × 19/119 = 0.3784).
let comboCart = PricedCart(
    currency: .eur, taxMode: .inclusive, lines: [hotdog, cola],
    discounts: [AppliedDiscount(promotionID: "combo", reason: "Hot dog + cola combo", amount: eur(50), lineIndexes: [0, 1])],
    taxes: [TaxLine(taxClass: "food", rateBasisPoints: 700, base: eur(620), amount: eur(43)),
            TaxLine(taxClass: "drinks", rateBasisPoints: 1900, base: eur(199), amount: eur(38))])

func cashSale(_ cart: PricedCart = comboCart, at date: Date = Date(timeIntervalSince1970: 1_750_000_000),
              location: SaleLocation? = .spot("Alexanderplatz")) throws -> Sale {
    try Sale.make(standID: testStand, operatorID: "op-1", createdAt: date, location: location, cart: cart,
                  tenders: [.cash(given: cart.total + eur(100))])
}
