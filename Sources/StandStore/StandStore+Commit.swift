import Foundation
import GRDB
import Logging
import StandCore

extension StandStore {
    /// Commits `sale` durably: the sale with its lines, discounts, taxes and tenders, the
    /// inventory deductions of its recipes, a journal entry and an outbox row, in ONE transaction.
    /// Returns the journal entry once the transaction has committed.
    ///
    /// Committing the identical sale again (a retry after an uncertain outcome) returns the
    /// entry already stored; a different sale under a stored id throws `.duplicateSale`.
    @discardableResult
    public func commit(_ sale: Sale) throws(StoreError) -> JournalEntry {
        try commit(sale, receipt: nil).entry
    }

    /// Commits `sale` as `commit(_:)` does and, in the SAME transaction, queues its receipt: the
    /// bytes `receipt` lays out once the journal sequence number is known. A crash can leave a
    /// sale with its receipt or nothing at all, never a sale whose receipt was forgotten.
    ///
    /// `receipt` returns nil when there is nothing to print; it must not throw for a layout
    /// problem (that would roll the sale back): report such problems and return nil. A retry of
    /// an already stored sale returns its entry and no new job (`printJob` is nil).
    public func commit(_ sale: Sale, receipt: ((JournalEntry) -> ReceiptJob?)?) throws(StoreError)
        -> (entry: JournalEntry, printJob: PrintJob?) {
        guard sale.standID == standID else { throw .wrongStand(expected: standID, found: sale.standID) }
        let payload = try encodePayload(sale)
        let result = try write { db -> (JournalEntry, PrintJob?) in
            if let existingSeq = try Int64.fetchOne(db, sql: "SELECT journal_seq FROM sales WHERE id = ?", arguments: [sale.id.rawValue]) {
                let existing = try Self.journalEntry(db, sequence: existingSeq)
                guard existing?.payload == payload, let existing else { throw StoreError.duplicateSale(sale.id) }
                return (existing, nil)
            }
            let entry = try appendJournal(db, kind: .sale, payload: payload, at: sale.createdAt)
            try Self.insertSale(db, sale, journalSequence: entry.sequence)
            try Self.settleCardAttempts(db, of: sale)
            for movement in InventoryMovement.deductions(for: sale) {
                try Self.insertMovement(db, movement, journalSequence: entry.sequence)
            }
            let job = try receipt?(entry).map { draft in
                try Self.insertPrintJob(db, saleID: sale.id, kind: .receipt, bytes: draft.bytes,
                                        copyBytes: draft.copyBytes, isCopy: false, at: sale.createdAt)
            }
            return (entry, job)
        }
        logger.debug("sale committed", metadata: ["sale.id": "\(sale.id)", "journal.seq": "\(result.0.sequence)"])
        return result
    }

    /// Commits a refund or void, after checking it again against the stored sale and the refunds
    /// already committed for it (inside the same transaction), with its restocking movements,
    /// journal entry and outbox row.
    @discardableResult
    public func commit(_ refund: Refund) throws(StoreError) -> JournalEntry {
        guard refund.standID == standID else { throw .wrongStand(expected: standID, found: refund.standID) }
        let payload = try encodePayload(refund)
        let entry = try write { db -> JournalEntry in
            guard let sale = try Self.fetchSale(db, id: refund.saleID) else { throw StoreError.saleNotFound(refund.saleID) }
            let previous = try Self.fetchRefunds(db, saleID: refund.saleID)
            try refund.validate(against: sale, previous: previous)
            let entry = try appendJournal(db, kind: refund.kind == .void ? .void : .refund, payload: payload, at: refund.createdAt)
            try db.executeCached(sql: """
                INSERT INTO refunds (id, journal_seq, sale_id, kind, line_index, quantity, amount, operator_id,
                                     supervisor_id, reason, created_at, restock)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [refund.id.rawValue, entry.sequence, refund.saleID.rawValue, refund.kind.rawValue,
                                 refund.scope.lineIndex, refund.scope.quantity, refund.amount.cents,
                                 refund.operatorID.rawValue, refund.supervisorID.rawValue, refund.reason,
                                 JournalPayload.milliseconds(since1970: refund.createdAt), refund.restock])
            for movement in InventoryMovement.returns(for: refund, of: sale) {
                try Self.insertMovement(db, movement, journalSequence: entry.sequence)
            }
            return entry
        }
        logger.debug("refund committed", metadata: ["refund.id": "\(refund.id)", "sale.id": "\(refund.saleID)", "journal.seq": "\(entry.sequence)"])
        return entry
    }

    /// Records goods received (journaled, with an outbox row).
    @discardableResult
    public func recordDelivery(item: InventoryItemID, quantity: Int64, reference: String, at date: Date) throws(StoreError) -> JournalEntry {
        let movement: InventoryMovement
        do { movement = try .delivery(item: item, quantity: quantity, reference: reference, at: date) } catch { throw .invalidInventory(error) }
        return try commitMovement(movement, kind: .inventoryDelivery)
    }

    /// Records spoiled or dropped goods (journaled, with an outbox row).
    @discardableResult
    public func recordWaste(item: InventoryItemID, quantity: Int64, reason: String, at date: Date) throws(StoreError) -> JournalEntry {
        let movement: InventoryMovement
        do { movement = try .waste(item: item, quantity: quantity, reason: reason, at: date) } catch { throw .invalidInventory(error) }
        return try commitMovement(movement, kind: .inventoryWaste)
    }

    /// Records a physical count: the movement that brings the current level to `counted`, computed
    /// in the same transaction (journaled, with an outbox row).
    @discardableResult
    public func recordCount(item: InventoryItemID, counted: Int64, at date: Date) throws(StoreError) -> JournalEntry {
        guard counted >= 0 else { throw .invalidInventory(.negativeCount(item: item, counted: counted)) }
        return try write { db -> JournalEntry in
            let level = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(delta), 0) FROM inventory_movements WHERE item_id = ?",
                                           arguments: [item.rawValue]) ?? 0
            let movement = try InventoryMovement.countCorrection(item: item, counted: counted, currentLevel: level, at: date)
            let entry = try appendJournal(db, kind: .inventoryCount, payload: try JournalPayload.encode(movement), at: date)
            try Self.insertMovement(db, movement, journalSequence: entry.sequence)
            return entry
        }
    }

    /// Sets (or with nil removes) the level at or below which `item` is reported as low stock.
    /// A setting, not an event: not journaled.
    public func setLowStockThreshold(_ threshold: Int64?, for item: InventoryItemID) throws(StoreError) {
        if let threshold, threshold < 0 { throw .invalidInventory(.negativeThreshold(item: item, threshold: threshold)) }
        try write { db in
            if let threshold {
                try db.executeCached(sql: "INSERT INTO inventory_thresholds (item_id, threshold) VALUES (?, ?) ON CONFLICT(item_id) DO UPDATE SET threshold = excluded.threshold",
                               arguments: [item.rawValue, threshold])
            } else {
                try db.executeCached(sql: "DELETE FROM inventory_thresholds WHERE item_id = ?", arguments: [item.rawValue])
            }
        }
    }

    /// Marks every outbox row up to and including `sequence` as acknowledged by the fleet.
    public func acknowledgeOutbox(through sequence: Int64, at date: Date) throws(StoreError) {
        try write { db in
            try db.executeCached(sql: "UPDATE outbox SET acknowledged_at = ? WHERE seq <= ? AND acknowledged_at IS NULL",
                           arguments: [JournalPayload.milliseconds(since1970: date), sequence])
        }
    }

    // MARK: - Helpers

    private func commitMovement(_ movement: InventoryMovement, kind: JournalEventKind) throws(StoreError) -> JournalEntry {
        let payload = try encodePayload(movement)
        return try write { db -> JournalEntry in
            let entry = try appendJournal(db, kind: kind, payload: payload, at: movement.recordedAt)
            try Self.insertMovement(db, movement, journalSequence: entry.sequence)
            return entry
        }
    }

    private func encodePayload<Value: Encodable>(_ value: Value) throws(StoreError) -> String {
        do { return try JournalPayload.encode(value) } catch {
            throw .unreadableRecord(path: databasePath, detail: "cannot encode \(Value.self): \(error)")
        }
    }

    /// Appends the next journal entry and its outbox row.
    private func appendJournal(_ db: Database, kind: JournalEventKind, payload: String, at date: Date) throws -> JournalEntry {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
        let entry = JournalEntry.hashed(standID: standID, sequence: (last?["seq"] as Int64?).map { $0 + 1 } ?? 1,
                                        previousHash: last?["hash"] ?? JournalEntry.genesisHash, kind: kind, payload: payload)
        try db.executeCached(sql: """
            INSERT INTO journal (seq, stand_id, prev_hash, kind, payload, hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.sequence, entry.standID.rawValue, entry.previousHash, entry.kind.rawValue, entry.payload,
                             entry.hash, JournalPayload.milliseconds(since1970: date)])
        try db.executeCached(sql: "INSERT INTO outbox (seq) VALUES (?)", arguments: [entry.sequence])
        return entry
    }

    private static func insertSale(_ db: Database, _ sale: Sale, journalSequence: Int64) throws {
        let cart = sale.cart
        var latitude: Double?
        var longitude: Double?
        if case .fix(let fix) = sale.location {
            latitude = fix.latitude
            longitude = fix.longitude
        }
        try db.executeCached(sql: """
            INSERT INTO sales (id, journal_seq, stand_id, created_at, operator_id, location, customer_id, latitude, longitude,
                               currency, minor_units, tax_mode, subtotal, discount_total, tax_total, total, cash_rounding, change)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [sale.id.rawValue, journalSequence, sale.standID.rawValue,
                             JournalPayload.milliseconds(since1970: sale.createdAt), sale.operatorID.rawValue,
                             sale.location?.description, sale.customerID?.rawValue, latitude, longitude, cart.currency.code, cart.currency.minorUnits,
                             cart.taxMode.rawValue, cart.subtotal.cents, cart.discountTotal.cents, cart.taxTotal.cents,
                             cart.total.cents, sale.cashRounding.cents, sale.change.cents])
        let figures = SaleLineFigures.allocate(cart)
        for (index, line) in cart.lines.enumerated() {
            try db.executeCached(sql: """
                INSERT INTO sale_lines (sale_id, line_index, product_id, name, quantity, unit_price, amount, discount, tax, net,
                                        tax_class, modifiers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sale.id.rawValue, index, line.productID.rawValue, line.name, line.quantity,
                                 line.unitPrice.cents, line.amount.cents, figures[index].discount.cents,
                                 figures[index].tax.cents, figures[index].net.cents, line.taxClass.rawValue,
                                 try JournalPayload.encode(line.modifiers)])
        }
        for (index, discount) in cart.discounts.enumerated() {
            try db.executeCached(sql: """
                INSERT INTO sale_discounts (sale_id, discount_index, promotion_id, reason, amount, line_indexes)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [sale.id.rawValue, index, "\(discount.promotionID)", discount.reason, discount.amount.cents,
                                 try JournalPayload.encode(discount.lineIndexes)])
        }
        for (index, tax) in cart.taxes.enumerated() {
            try db.executeCached(sql: """
                INSERT INTO sale_taxes (sale_id, tax_index, tax_class, rate_basis_points, base, amount) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [sale.id.rawValue, index, tax.taxClass.rawValue, tax.rateBasisPoints, tax.base.cents, tax.amount.cents])
        }
        for (index, tender) in sale.tenders.enumerated() {
            var card: CardPayment?
            var token: String?
            var account: String?
            switch tender {
            case .cash: break
            case .card(let payment): card = payment
            case .appPrepaid(_, let orderTokenID): token = orderTokenID
            case .internalCredit(let creditAccount, _): account = creditAccount.rawValue
            }
            try db.executeCached(sql: """
                INSERT INTO sale_tenders (sale_id, tender_index, kind, amount, masked_pan, card_brand, terminal_receipt,
                                          trace_number, order_token_id, credit_account_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sale.id.rawValue, index, tender.kindName, tender.amount.cents, card?.maskedPAN.value,
                                 card?.brand.rawValue, card?.terminalReceiptNumber, card?.traceNumber, token, account])
        }
    }

    private static func insertMovement(_ db: Database, _ movement: InventoryMovement, journalSequence: Int64) throws {
        var saleID: String?
        var refundID: String?
        var note: String?
        var counted: Int64?
        switch movement.kind {
        case .saleDeduction(let id): saleID = id.rawValue
        case .refundReturn(let id): refundID = id.rawValue
        case .delivery(let reference): note = reference
        case .waste(let reason): note = reason
        case .countCorrection(let level): counted = level
        }
        try db.executeCached(sql: """
            INSERT INTO inventory_movements (journal_seq, item_id, delta, kind, sale_id, refund_id, note, counted, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [journalSequence, movement.item.rawValue, movement.delta, movement.kind.name, saleID, refundID,
                             note, counted, JournalPayload.milliseconds(since1970: movement.recordedAt)])
    }
}

private extension Database {
    /// Executes through GRDB's per-connection statement cache: the commit path runs the same
    /// dozen statements for every sale, so compiling them once matters.
    func executeCached(sql: String, arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
