import Foundation
import GRDB
import StandCore
import StandStore

/// StandStore's durable sale commit on a temp-file database, next to `RawInsertBaseline` writing
/// the same number of bytes per transaction in the same run.
struct SaleCommitBenchmark: Benchmark {
    let name = "sale-commit"
    let summary = "durable StandStore.commit(sale) vs raw SQLite INSERT of an equally sized row (WAL, synchronous=FULL, one transaction each)"

    func run(iterations: Int) throws -> [String] {
        let warmUp = max(iterations / 20, 10)
        let scratch = try ScratchDirectory("store")
        defer { scratch.remove() }
        let store = try StandStore.open(dataDirectory: scratch.url.path, standID: "bench-stand")
        let sales = try (0..<(warmUp + iterations)).map { try Self.sale(number: $0) }
        for sale in sales.prefix(warmUp) { try store.commit(sale) }
        var next = sales.dropFirst(warmUp).makeIterator()
        let storeTimings = try Timings.measure(iterations) {
            guard let sale = next.next() else { return }
            try store.commit(sale)
        }
        let bytesPerSale = try Self.bytesPerSale(databasePath: store.databasePath, sales: sales.count)
        let rawTimings = try RawInsertBaseline(rowBytes: bytesPerSale).run(iterations: iterations, warmUp: warmUp)
        return [
            "iterations: \(iterations) (after \(warmUp) warm-up), bytes written per sale: \(bytesPerSale)",
            "StandStore commit(sale)   \(storeTimings.line)",
            "raw SQLite INSERT         \(rawTimings.line)",
            "ratio store/raw: \(format(storeTimings.rate / rawTimings.rate, 2)) of the raw rate (p50 latency ×\(format(seconds(storeTimings.percentile(0.5)) / seconds(rawTimings.percentile(0.5)), 2)))",
        ]
    }

    /// The bytes of all column values StandStore stored for the sales (integers and reals counted
    /// as 8, text and blobs by length), divided by the number of sales.
    static func bytesPerSale(databasePath: String, sales: Int) throws -> Int {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            var total = 0
            for table in ["sales", "sale_lines", "sale_discounts", "sale_taxes", "sale_tenders", "journal", "outbox", "inventory_movements"] {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
                let sizes = columns.map {
                    "COALESCE(SUM(CASE typeof(\"\($0)\") WHEN 'integer' THEN 8 WHEN 'real' THEN 8 WHEN 'null' THEN 0 ELSE length(CAST(\"\($0)\" AS BLOB)) END), 0)"
                }
                total += try Int.fetchOne(db, sql: "SELECT \(sizes.joined(separator: " + ")) FROM \(table)") ?? 0
            }
            return (total + sales - 1) / sales
        }
    }

    /// A typical stand sale: two hot dogs with a modifier and a cola, a combo discount, two tax
    /// rates, paid half by card and half in cash.
    static func sale(number: Int) throws -> Sale {
        let eur = { (cents: Int64) in Money(cents: cents, .eur) }
        let lines = [
            PricedLine(productID: "hotdog-classic", name: "Hot dog classic", quantity: 2, unitPrice: eur(400),
                       modifiers: ["extra cheese"], taxClass: "food",
                       recipe: [RecipeComponent("bun", 1), RecipeComponent("sausage", 1), RecipeComponent("cheese", 15)]),
            PricedLine(productID: "cola", name: "Cola 0.33", quantity: 1, unitPrice: eur(250), modifiers: [], taxClass: "drinks",
                       recipe: [RecipeComponent("cola-can", 1)]),
        ]
        let cart = PricedCart(currency: .eur, taxMode: .inclusive, lines: lines,
                              discounts: [AppliedDiscount(promotionID: "combo-hotdog-cola", reason: "Hot dog + cola: the pair 20 % cheaper",
                                                          amount: eur(130), lineIndexes: [0, 1])],
                              taxes: [TaxLine(taxClass: "food", rateBasisPoints: 700, base: eur(672), amount: eur(47)),
                                      TaxLine(taxClass: "drinks", rateBasisPoints: 1900, base: eur(181), amount: eur(34))])
        let card = CardPayment(amount: eur(500), maskedPAN: try MaskedPAN("******\(1000 + number % 9000)"), brand: .girocard,
                               terminalReceiptNumber: "\(number)", traceNumber: "\(100_000 + number)")
        return try Sale.make(standID: "bench-stand", operatorID: "op-7", createdAt: Date(),
                             location: .spot("Alexanderplatz north"), cart: cart,
                             tenders: [.card(card), .cash(given: eur(500))])
    }
}
