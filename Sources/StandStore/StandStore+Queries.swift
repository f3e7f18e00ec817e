import Foundation
import GRDB
import StandCore

extension StandStore {
    /// The sale with `id`, or nil.
    public func sale(id: SaleID) throws(StoreError) -> Sale? {
        try read { db in try Self.fetchSale(db, id: id) }
    }

    /// Sales completed in `[from, to)`, oldest first.
    public func sales(from: Date, to: Date) throws(StoreError) -> [Sale] {
        try read { db in
            let payloads = try String.fetchAll(db, sql: """
                SELECT j.payload FROM sales s JOIN journal j ON j.seq = s.journal_seq
                WHERE s.created_at >= ? AND s.created_at < ? ORDER BY s.created_at, s.journal_seq
                """, arguments: [JournalPayload.milliseconds(since1970: from), JournalPayload.milliseconds(since1970: to)])
            return try payloads.map { try JournalPayload.decode(Sale.self, from: $0) }
        }
    }

    /// The refunds and voids of sale `saleID`, oldest first.
    public func refunds(ofSale saleID: SaleID) throws(StoreError) -> [Refund] {
        try read { db in try Self.fetchRefunds(db, saleID: saleID) }
    }

    /// Refunds and voids made in `[from, to)`, oldest first.
    public func refunds(from: Date, to: Date) throws(StoreError) -> [Refund] {
        try read { db in
            let payloads = try String.fetchAll(db, sql: """
                SELECT j.payload FROM refunds r JOIN journal j ON j.seq = r.journal_seq
                WHERE r.created_at >= ? AND r.created_at < ? ORDER BY r.created_at, r.journal_seq
                """, arguments: [JournalPayload.milliseconds(since1970: from), JournalPayload.milliseconds(since1970: to)])
            return try payloads.map { try JournalPayload.decode(Refund.self, from: $0) }
        }
    }

    /// Sales of `[from, to)` grouped by day, hour (both in `timeZone`), product or location; one
    /// report per currency found (a stand normally has one), sorted by currency code. Sales as
    /// rung: refunds are not subtracted (see `refunds(from:to:)`).
    public func report(by grouping: ReportGrouping, from: Date, to: Date, timeZone: TimeZone) throws(StoreError) -> [SalesReport] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.id, s.created_at, s.location, s.currency, s.minor_units,
                       l.product_id, l.quantity, l.amount, l.discount, l.tax, l.net
                FROM sales s JOIN sale_lines l ON l.sale_id = s.id
                WHERE s.created_at >= ? AND s.created_at < ?
                ORDER BY s.created_at, l.line_index
                """, arguments: [JournalPayload.milliseconds(since1970: from), JournalPayload.milliseconds(since1970: to)])
            var builders: [String: SalesReport.Builder] = [:]
            var currencies: [String: Currency] = [:]
            while let row = try rows.next() {
                let code: String = row["currency"]
                let currency = currencies[code] ?? Currency(code: code, minorUnits: row["minor_units"])
                currencies[code] = currency
                let key: String = switch grouping {
                case .day, .hour:
                    grouping.timeKey(for: JournalPayload.date(milliseconds: row["created_at"]), in: timeZone) ?? ""
                case .product: row["product_id"]
                case .location: row["location"] ?? ReportGrouping.locationKey(nil)
                }
                builders[code, default: SalesReport.Builder(currency: currency)].add(
                    key: key, saleID: row["id"], quantity: row["quantity"], gross: row["amount"],
                    discount: row["discount"], tax: row["tax"], net: row["net"])
            }
            return builders.sorted { $0.key < $1.key }.map { code, builder in
                SalesReport(grouping: grouping, currency: currencies[code] ?? Currency(code: code), rows: builder.rows())
            }
        }
    }

    /// Every item with movements or a threshold: its level (the sum of its movements) and threshold.
    public func stockLevels() throws(StoreError) -> [StockLevel] {
        try read { db in
            var levels: [InventoryItemID: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT item_id, SUM(delta) AS level FROM inventory_movements GROUP BY item_id") {
                levels[InventoryItemID(row["item_id"])] = row["level"]
            }
            var thresholds: [InventoryItemID: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT item_id, threshold FROM inventory_thresholds") {
                thresholds[InventoryItemID(row["item_id"])] = row["threshold"]
            }
            return InventoryLedger.stockLevels(levels: levels, thresholds: thresholds)
        }
    }

    /// The items at or below their low-stock threshold.
    public func lowStock() throws(StoreError) -> [StockLevel] {
        try stockLevels().filter(\.isLow)
    }

    /// Journal entries not yet acknowledged by the fleet, lowest sequence first, at most `limit`.
    public func pendingOutbox(limit: Int) throws(StoreError) -> [JournalEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT j.* FROM outbox o JOIN journal j ON j.seq = o.seq
                WHERE o.acknowledged_at IS NULL ORDER BY o.seq LIMIT ?
                """, arguments: [limit]).map(Self.journalEntry(row:))
        }
    }

    /// Journal entries with sequence ≥ `sequence`, in order, at most `limit`.
    public func journalEntries(from sequence: Int64, limit: Int) throws(StoreError) -> [JournalEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?", arguments: [sequence, limit])
                .map(Self.journalEntry(row:))
        }
    }

    /// Recomputes the whole hash chain from the database, entry by entry, and names the first
    /// broken link (an altered entry, a wrong previous hash, a missing sequence number).
    public func verifyJournal() throws(StoreError) -> JournalVerification {
        try read { db in
            var verifier = JournalVerifier(standID: standID)
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM journal ORDER BY seq")
            while let row = try rows.next() {
                if let broken = verifier.check(try Self.journalEntry(row: row)) { return verifier.result(broken) }
            }
            return verifier.result()
        }
    }

    /// How many sales this stand has stored for `customer`, voided sales not counted: the
    /// `priorPurchases` of a `KnownCustomer` for loyalty rules ("every 10th hot dog free").
    public func purchaseCount(of customer: CustomerID) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM sales s WHERE s.customer_id = ?
                AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.sale_id = s.id AND r.kind = 'void' AND r.line_index IS NULL)
                """, arguments: [customer.rawValue]) ?? 0
        }
    }

    /// What `account` was charged by internal-credit tenders of sales since `date` (the start of
    /// the account's current period, see `CreditAccount.periodStart(containing:)`). Refunds are
    /// not credited back to the account.
    public func creditCharged(to account: CreditAccountID, since date: Date, currency: Currency) throws(StoreError) -> Money {
        try read { db in
            let cents = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(t.amount), 0) FROM sale_tenders t JOIN sales s ON s.id = t.sale_id
                WHERE t.credit_account_id = ? AND s.created_at >= ? AND s.currency = ?
                """, arguments: [account.rawValue, JournalPayload.milliseconds(since1970: date), currency.code]) ?? 0
            return Money(cents: cents, currency)
        }
    }

    // MARK: - Row decoding shared with commits

    static func fetchSale(_ db: Database, id: SaleID) throws -> Sale? {
        try String.fetchOne(db, sql: """
            SELECT j.payload FROM sales s JOIN journal j ON j.seq = s.journal_seq WHERE s.id = ?
            """, arguments: [id.rawValue]).map { try JournalPayload.decode(Sale.self, from: $0) }
    }

    static func fetchRefunds(_ db: Database, saleID: SaleID) throws -> [Refund] {
        try String.fetchAll(db, sql: """
            SELECT j.payload FROM refunds r JOIN journal j ON j.seq = r.journal_seq WHERE r.sale_id = ? ORDER BY r.journal_seq
            """, arguments: [saleID.rawValue]).map { try JournalPayload.decode(Refund.self, from: $0) }
    }

    static func journalEntry(_ db: Database, sequence: Int64) throws -> JournalEntry? {
        try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE seq = ?", arguments: [sequence]).map(journalEntry(row:))
    }

    static func journalEntry(row: Row) throws -> JournalEntry {
        let kindName: String = row["kind"]
        guard let kind = JournalEventKind(rawValue: kindName) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "journal entry \(row["seq"] as Int64) has unknown kind \(kindName)"))
        }
        return JournalEntry(standID: StandID(row["stand_id"]), sequence: row["seq"], previousHash: row["prev_hash"],
                            kind: kind, payload: row["payload"], hash: row["hash"])
    }
}
