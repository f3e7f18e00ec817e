import Foundation
import GRDB
import StandCore

/// One card payment asked of the terminal, as the store keeps it from before the terminal is
/// asked until the money is accounted for: in a sale, reversed, or never charged.
public struct CardAttempt: Hashable, Sendable {
    public enum State: String, Hashable, Sendable, CaseIterable {
        /// Written before the terminal was asked; what it did is not known yet.
        case pending
        /// The terminal approved; the sale is not stored yet.
        case approved
        /// The approved payment is part of a stored sale (set in the sale's own transaction).
        case settled
        /// Declined, cancelled, or found not to have been charged.
        case notCharged = "not-charged"
        /// Approved, then reversed on the terminal: the customer got the money back.
        case reversed
        /// The stand could not tell or could not fix it; `detail` holds the facts it has.
        case supervisor

        /// Whether the money of this attempt is still unaccounted for.
        public var isOpen: Bool { self == .pending || self == .approved || self == .supervisor }
    }

    public let draft: CardSaleDraft
    public let state: State
    /// The approved payment, once the terminal reported it.
    public let payment: CardPayment?
    /// What happened, in the operator's words.
    public let detail: String?
    /// The terminal receipt number of the last transaction the stand knew of before this attempt:
    /// a newer receipt found on the terminal after a crash is this attempt's.
    public let previousTerminalReceipt: String?
    public let updatedAt: Date

    public var reference: String { draft.reference }

    /// `previousTerminalReceipt` when the terminal had no transaction at all.
    public static let noTerminalTransaction = "none"

    public var amount: Money { draft.amount }
}

extension StandStore {
    /// Records a card payment about to be asked of the terminal, durably, before any byte goes to
    /// it. Refused while another attempt's outcome is unknown: that one is resolved first, so a
    /// customer is never charged twice.
    @discardableResult
    public func beginCardAttempt(_ draft: CardSaleDraft, at date: Date) throws(StoreError) -> CardAttempt {
        guard draft.standID == standID else { throw .wrongStand(expected: standID, found: draft.standID) }
        let encoded = try encodeCardValue(draft)
        return try write { db -> CardAttempt in
            if let open = try Row.fetchOne(db, sql: "SELECT * FROM card_attempts WHERE state = 'pending' ORDER BY started_at LIMIT 1") {
                let attempt = try Self.cardAttempt(open)
                throw StoreError.cardPaymentUnresolved(reference: attempt.reference, amount: attempt.amount)
            }
            let previous = try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'card.last_terminal_receipt'")
            let millis = JournalPayload.milliseconds(since1970: date)
            try db.execute(sql: """
                INSERT INTO card_attempts (reference, sale_id, amount, currency, draft, state, previous_terminal_receipt, started_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                """, arguments: [draft.reference, draft.saleID.rawValue, draft.amount.cents, draft.amount.currency.code, encoded,
                                 previous, millis, millis])
            return CardAttempt(draft: draft, state: .pending, payment: nil, detail: nil, previousTerminalReceipt: previous,
                               updatedAt: JournalPayload.date(milliseconds: millis))
        }
    }

    /// The terminal approved `payment` for the attempt; its receipt number becomes the last one
    /// the stand knows of.
    public func recordCardApproved(_ reference: String, payment: CardPayment, at date: Date) throws(StoreError) {
        let encoded = try encodeCardValue(payment)
        try updateCardAttempt(reference, from: [.pending, .supervisor], to: .approved, payment: encoded,
                              detail: "approved, receipt \(payment.terminalReceiptNumber)", at: date,
                              terminalReceipt: payment.terminalReceiptNumber)
    }

    /// Nothing was charged: declined, cancelled, or found so on the terminal.
    public func recordCardNotCharged(_ reference: String, reason: String, terminalReceipt: String? = nil, at date: Date) throws(StoreError) {
        try updateCardAttempt(reference, from: [.pending, .supervisor], to: .notCharged, detail: reason, at: date,
                              terminalReceipt: terminalReceipt)
    }

    /// The approved payment was given back on the terminal.
    public func recordCardReversed(_ reference: String, reason: String, at date: Date) throws(StoreError) {
        try updateCardAttempt(reference, from: [.approved, .supervisor], to: .reversed, detail: reason, at: date)
    }

    /// The stand cannot settle the attempt by itself; `facts` tell a supervisor what it knows.
    public func recordCardNeedsSupervisor(_ reference: String, facts: String, at date: Date) throws(StoreError) {
        try updateCardAttempt(reference, from: [.pending, .approved, .supervisor], to: .supervisor, detail: facts, at: date)
    }

    /// Attempts whose money is not accounted for yet (pending, approved without a sale, waiting
    /// for a supervisor), oldest first.
    public func openCardAttempts() throws(StoreError) -> [CardAttempt] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM card_attempts WHERE state IN ('pending', 'approved', 'supervisor') ORDER BY started_at, reference")
                .map(Self.cardAttempt)
        }
    }

    /// Every attempt started in [from, to), oldest first.
    public func cardAttempts(from: Date, to: Date) throws(StoreError) -> [CardAttempt] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM card_attempts WHERE started_at >= ? AND started_at < ? ORDER BY started_at, reference",
                             arguments: [JournalPayload.milliseconds(since1970: from), JournalPayload.milliseconds(since1970: to)])
                .map(Self.cardAttempt)
        }
    }

    public func cardAttempt(_ reference: String) throws(StoreError) -> CardAttempt? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM card_attempts WHERE reference = ?", arguments: [reference]).map(Self.cardAttempt)
        }
    }

    /// The terminal receipt number of the newest transaction the stand knows of.
    public func lastTerminalReceipt() throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'card.last_terminal_receipt'")
        }
    }

    /// Records what the terminal's newest transaction was before the stand's first payment on
    /// it (`CardAttempt.noTerminalTransaction` when it had none): the baseline a lost outcome is
    /// judged against.
    public func setLastTerminalReceipt(_ receipt: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('card.last_terminal_receipt', ?)", arguments: [receipt])
        }
    }

    /// Inside a sale's commit: its approved card attempts are settled by the same transaction.
    static func settleCardAttempts(_ db: Database, of sale: Sale) throws {
        guard sale.tenders.contains(where: { if case .card = $0 { true } else { false } }) else { return }
        try db.execute(sql: "UPDATE card_attempts SET state = 'settled', updated_at = ? WHERE sale_id = ? AND state IN ('pending', 'approved', 'supervisor')",
                       arguments: [JournalPayload.milliseconds(since1970: sale.createdAt), sale.id.rawValue])
    }

    private func updateCardAttempt(_ reference: String, from: Set<CardAttempt.State>, to: CardAttempt.State, payment: String? = nil,
                                   detail: String, at date: Date, terminalReceipt: String? = nil) throws(StoreError) {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT state FROM card_attempts WHERE reference = ?", arguments: [reference]) else {
                throw StoreError.cardAttemptNotFound(reference: reference)
            }
            let current: String = row["state"]
            guard let state = CardAttempt.State(rawValue: current), from.contains(state) else {
                throw StoreError.cardAttemptState(reference: reference, state: current, wanted: to.rawValue)
            }
            try db.execute(sql: """
                UPDATE card_attempts SET state = ?, payment = COALESCE(?, payment), detail = ?, updated_at = ? WHERE reference = ?
                """, arguments: [to.rawValue, payment, detail, JournalPayload.milliseconds(since1970: date), reference])
            if let terminalReceipt {
                try db.execute(sql: "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('card.last_terminal_receipt', ?)",
                               arguments: [terminalReceipt])
            }
        }
    }

    private func encodeCardValue<Value: Encodable>(_ value: Value) throws(StoreError) -> String {
        do { return try JournalPayload.encode(value) } catch {
            throw .unreadableRecord(path: databasePath, detail: "cannot encode \(Value.self): \(error)")
        }
    }

    static func cardAttempt(_ row: Row) throws -> CardAttempt {
        let reference: String = row["reference"]
        guard let state = CardAttempt.State(rawValue: row["state"]) else {
            throw StoreError.unreadableRecord(path: ":card_attempts", detail: "card attempt \(reference) has state \(row["state"] as String? ?? "?")")
        }
        let draft = try JournalPayload.decode(CardSaleDraft.self, from: row["draft"])
        let payment = try (row["payment"] as String?).map { try JournalPayload.decode(CardPayment.self, from: $0) }
        return CardAttempt(draft: draft, state: state, payment: payment, detail: row["detail"],
                           previousTerminalReceipt: row["previous_terminal_receipt"],
                           updatedAt: JournalPayload.date(milliseconds: row["updated_at"]))
    }
}
