import Foundation
import GRDB
import Logging
import StandCore

/// A receipt laid out for printing: the original and the COPY variant a repeat prints.
public struct ReceiptJob: Hashable, Sendable {
    public let bytes: [UInt8]
    public let copyBytes: [UInt8]

    public init(bytes: [UInt8], copyBytes: [UInt8]) {
        self.bytes = bytes
        self.copyBytes = copyBytes
    }
}

/// One print job as the store keeps it: the ESC/POS bytes of a receipt or report, and where it
/// is in its life. A job is written before anything is sent to the printer, so a receipt is
/// never lost between the sale's commit and the paper.
public struct PrintJob: Hashable, Sendable, Identifiable {
    /// What the job prints.
    public enum Kind: String, Hashable, Sendable, Codable {
        case receipt
        case report
    }

    /// Where the job is.
    public enum State: String, Hashable, Sendable, Codable {
        /// Waiting for the printer.
        case queued
        /// Handed to the printer; not yet confirmed. Found in this state at startup, the job is
        /// queued again as a copy: part of it may have come out.
        case printing
        /// The printer confirmed every byte.
        case done
        /// The printer refused the bytes themselves; printing them again would not help.
        case failed
    }

    /// Assigned by the store, increasing: the printing order.
    public let id: Int64
    /// The sale whose receipt this is; nil for reports.
    public let saleID: SaleID?
    public let kind: Kind
    /// What is sent to the printer next.
    public var bytes: [UInt8]
    /// What is sent instead when the job has to be printed again after part of it came out (the
    /// receipt marked COPY); nil when a repeat is printed as it is.
    public var copyBytes: [UInt8]?
    /// Whether `bytes` are the COPY variant.
    public var isCopy: Bool
    public var state: State
    /// Attempts that ended without the printer confirming the job.
    public var attempts: Int
    /// Why the last attempt failed, in the operator's words.
    public var lastError: String?
    public let createdAt: Date
    public var printedAt: Date?

    public init(id: Int64, saleID: SaleID?, kind: Kind, bytes: [UInt8], copyBytes: [UInt8]?, isCopy: Bool,
                state: State, attempts: Int, lastError: String?, createdAt: Date, printedAt: Date?) {
        self.id = id
        self.saleID = saleID
        self.kind = kind
        self.bytes = bytes
        self.copyBytes = copyBytes
        self.isCopy = isCopy
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
        self.printedAt = printedAt
    }

    /// Whether the job still has to come out of the printer.
    public var isPending: Bool { state == .queued || state == .printing }
}

extension StandStore {
    /// Stores a new job in state `queued` (durably, before any byte goes to the printer) and
    /// returns it with its id.
    public func enqueuePrintJob(saleID: SaleID?, kind: PrintJob.Kind, bytes: [UInt8], copyBytes: [UInt8]?,
                                isCopy: Bool, at date: Date) throws(StoreError) -> PrintJob {
        let job = try write { db in
            try Self.insertPrintJob(db, saleID: saleID, kind: kind, bytes: bytes, copyBytes: copyBytes, isCopy: isCopy, at: date)
        }
        logger.debug("print job queued", metadata: ["print.job": "\(job.id)", "sale.id": "\(saleID.map { "\($0)" } ?? "-")"])
        return job
    }

    static func insertPrintJob(_ db: Database, saleID: SaleID?, kind: PrintJob.Kind, bytes: [UInt8], copyBytes: [UInt8]?,
                               isCopy: Bool, at date: Date) throws -> PrintJob {
        let created = JournalPayload.milliseconds(since1970: date)
        try db.execute(sql: """
            INSERT INTO print_jobs (sale_id, kind, bytes, copy_bytes, is_copy, state, attempts, created_at)
            VALUES (?, ?, ?, ?, ?, 'queued', 0, ?)
            """, arguments: [saleID?.rawValue, kind.rawValue, Data(bytes), copyBytes.map { Data($0) }, isCopy, created])
        return PrintJob(id: db.lastInsertedRowID, saleID: saleID, kind: kind, bytes: bytes, copyBytes: copyBytes, isCopy: isCopy,
                        state: .queued, attempts: 0, lastError: nil, createdAt: JournalPayload.date(milliseconds: created),
                        printedAt: nil)
    }

    /// Jobs still to print (queued or caught printing), oldest first.
    public func pendingPrintJobs() throws(StoreError) -> [PrintJob] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM print_jobs WHERE state IN ('queued', 'printing') ORDER BY id").map(Self.printJob)
        }
    }

    /// Every job printed or to print for a sale, oldest first.
    public func printJobs(ofSale saleID: SaleID) throws(StoreError) -> [PrintJob] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM print_jobs WHERE sale_id = ? ORDER BY id", arguments: [saleID.rawValue])
                .map(Self.printJob)
        }
    }

    /// The job with `id`, or nil.
    public func printJob(id: Int64) throws(StoreError) -> PrintJob? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM print_jobs WHERE id = ?", arguments: [id]).map(Self.printJob)
        }
    }

    /// Startup recovery: a job found `printing` was cut off (crash, power loss) with part of it
    /// possibly on paper, so it is queued again as its COPY variant. Returns how many.
    @discardableResult
    public func requeueInterruptedPrintJobs() throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: """
                UPDATE print_jobs SET state = 'queued', attempts = attempts + 1,
                    bytes = COALESCE(copy_bytes, bytes), is_copy = CASE WHEN copy_bytes IS NULL THEN is_copy ELSE 1 END,
                    last_error = 'interrupted while printing'
                WHERE state = 'printing'
                """)
            return db.changesCount
        }
    }

    /// Records that the job's bytes are being handed to the printer.
    public func markPrintJobPrinting(_ id: Int64) throws(StoreError) {
        try updatePrintJob(id, sql: "UPDATE print_jobs SET state = 'printing' WHERE id = ? AND state = 'queued'", arguments: [id])
    }

    /// Records the printer's confirmation: the job never prints again by itself.
    public func markPrintJobDone(_ id: Int64, at date: Date) throws(StoreError) {
        try updatePrintJob(id, sql: "UPDATE print_jobs SET state = 'done', printed_at = ?, last_error = NULL WHERE id = ? AND state IN ('queued', 'printing')",
                           arguments: [JournalPayload.milliseconds(since1970: date), id])
    }

    /// Puts a job that did not come out back in the queue; `asCopy` switches it to its COPY
    /// bytes (part of it may be on paper).
    public func requeuePrintJob(_ id: Int64, asCopy: Bool, error: String) throws(StoreError) {
        let sql = asCopy
            ? """
              UPDATE print_jobs SET state = 'queued', attempts = attempts + 1, last_error = ?,
                  bytes = COALESCE(copy_bytes, bytes), is_copy = CASE WHEN copy_bytes IS NULL THEN is_copy ELSE 1 END
              WHERE id = ? AND state IN ('queued', 'printing')
              """
            : "UPDATE print_jobs SET state = 'queued', attempts = attempts + 1, last_error = ? WHERE id = ? AND state IN ('queued', 'printing')"
        try updatePrintJob(id, sql: sql, arguments: [error, id])
    }

    /// Gives up on a job whose bytes the printer refuses; it stays stored for a reprint.
    public func markPrintJobFailed(_ id: Int64, error: String) throws(StoreError) {
        try updatePrintJob(id, sql: "UPDATE print_jobs SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ? AND state IN ('queued', 'printing')",
                           arguments: [error, id])
    }

    private func updatePrintJob(_ id: Int64, sql: String, arguments: StatementArguments) throws(StoreError) {
        let changed = try write { db -> Int in
            try db.execute(sql: sql, arguments: arguments)
            return db.changesCount
        }
        guard changed == 1 else {
            let current = try printJob(id: id)
            throw .database(path: databasePath, code: -1,
                            detail: current.map { "print job \(id) is \($0.state.rawValue); it cannot change that way" } ?? "no print job \(id)")
        }
    }

    static func printJob(_ row: Row) throws -> PrintJob {
        guard let kind = PrintJob.Kind(rawValue: row["kind"]), let state = PrintJob.State(rawValue: row["state"]) else {
            throw StoreError.unreadableRecord(path: ":print_jobs", detail: "print job \(row["id"] as Int64? ?? -1) has kind \(row["kind"] as String? ?? "?") / state \(row["state"] as String? ?? "?")")
        }
        let bytes: Data = row["bytes"]
        let copyBytes: Data? = row["copy_bytes"]
        let printed: Int64? = row["printed_at"]
        return PrintJob(id: row["id"], saleID: (row["sale_id"] as String?).map { SaleID(validated: $0) }, kind: kind,
                        bytes: [UInt8](bytes), copyBytes: copyBytes.map { [UInt8]($0) }, isCopy: row["is_copy"], state: state,
                        attempts: row["attempts"], lastError: row["last_error"],
                        createdAt: JournalPayload.date(milliseconds: row["created_at"]),
                        printedAt: printed.map(JournalPayload.date(milliseconds:)))
    }
}
