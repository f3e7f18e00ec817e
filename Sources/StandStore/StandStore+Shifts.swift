import Foundation
import GRDB
import StandCore

/// A till shift: opened by an operator with a float in the drawer, closed with the cash counted.
/// At most one shift is open at a time. The X report covers the open shift so far; the Z report
/// closes it.
public struct Shift: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let operatorID: OperatorID
    public let openedAt: Date
    /// Cash put in the drawer at the start.
    public let float: Money
    public let closedAt: Date?
    public let closedBy: OperatorID?
    /// Cash counted in the drawer at the close; nil when closed by a Z report without a count.
    public let counted: Money?

    public init(id: Int64, operatorID: OperatorID, openedAt: Date, float: Money, closedAt: Date?, closedBy: OperatorID?,
                counted: Money?) {
        self.id = id
        self.operatorID = operatorID
        self.openedAt = openedAt
        self.float = float
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.counted = counted
    }

    public var isOpen: Bool { closedAt == nil }
}

/// Why a shift could not be opened or closed.
public enum ShiftError: Error, Hashable, Sendable, CustomStringConvertible {
    case alreadyOpen(by: OperatorID, since: Date)
    case noneOpen
    case negativeAmount(Money)

    public var description: String {
        switch self {
        case .alreadyOpen(let owner, let since):
            "A shift is already open (operator \(owner), since \(since.formatted(date: .omitted, time: .shortened))). Close it first."
        case .noneOpen:
            "No shift is open. Open a shift first (MENU → Open shift)."
        case .negativeAmount(let amount):
            "A cash amount cannot be negative (\(amount)). Enter the amount again."
        }
    }
}

extension StandStore {
    /// Opens a shift. Throws `ShiftError.alreadyOpen` if one is open, `.negativeAmount`, or a
    /// `StoreError`.
    public func openShift(operator operatorID: OperatorID, float: Money, at date: Date) throws -> Shift {
        guard !float.isNegative else { throw ShiftError.negativeAmount(float) }
        let opened = JournalPayload.milliseconds(since1970: date)
        return try shiftWrite { db -> Shift in
            if let open = try Self.fetchOpenShift(db) {
                throw ShiftError.alreadyOpen(by: open.operatorID, since: open.openedAt)
            }
            try db.execute(sql: "INSERT INTO shifts (operator_id, opened_at, float, currency) VALUES (?, ?, ?, ?)",
                           arguments: [operatorID.rawValue, opened, float.cents, float.currency.code])
            return Shift(id: db.lastInsertedRowID, operatorID: operatorID, openedAt: JournalPayload.date(milliseconds: opened),
                         float: float, closedAt: nil, closedBy: nil, counted: nil)
        }
    }

    /// Closes the open shift with the cash counted (nil: closed by a Z report without a count).
    /// Throws `ShiftError.noneOpen`, `.negativeAmount`, or a `StoreError`.
    public func closeShift(by operatorID: OperatorID, counted: Money?, at date: Date) throws -> Shift {
        if let counted, counted.isNegative { throw ShiftError.negativeAmount(counted) }
        let closed = JournalPayload.milliseconds(since1970: date)
        return try shiftWrite { db -> Shift in
            guard let open = try Self.fetchOpenShift(db) else {
                throw ShiftError.noneOpen
            }
            try db.execute(sql: "UPDATE shifts SET closed_at = ?, closed_by = ?, counted = ? WHERE id = ?",
                           arguments: [closed, operatorID.rawValue, counted?.cents, open.id])
            return Shift(id: open.id, operatorID: open.operatorID, openedAt: open.openedAt, float: open.float,
                         closedAt: JournalPayload.date(milliseconds: closed), closedBy: operatorID, counted: counted)
        }
    }

    /// The open shift, if any.
    public func openShift() throws(StoreError) -> Shift? {
        try read { db in try Self.fetchOpenShift(db) }
    }

    /// The most recently opened shift, open or closed.
    public func lastShift() throws(StoreError) -> Shift? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM shifts ORDER BY id DESC LIMIT 1").map(Self.shift) }
    }

    /// A write transaction that lets `ShiftError` through and maps everything else to `StoreError`.
    private func shiftWrite<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.write(body) } catch let error as ShiftError { throw error } catch {
            throw StoreError(error, path: databasePath)
        }
    }

    private static func fetchOpenShift(_ db: Database) throws -> Shift? {
        try Row.fetchOne(db, sql: "SELECT * FROM shifts WHERE closed_at IS NULL").map(shift)
    }

    private static func shift(_ row: Row) -> Shift {
        let code: String = row["currency"]
        let currency = Currency.named(code) ?? Currency(code: code)
        let closed: Int64? = row["closed_at"]
        let counted: Int64? = row["counted"]
        let closedBy: String? = row["closed_by"]
        return Shift(id: row["id"], operatorID: OperatorID(row["operator_id"] as String),
                     openedAt: JournalPayload.date(milliseconds: row["opened_at"]),
                     float: Money(cents: row["float"], currency), closedAt: closed.map(JournalPayload.date(milliseconds:)),
                     closedBy: closedBy.map { OperatorID($0) }, counted: counted.map { Money(cents: $0, currency) })
    }
}
