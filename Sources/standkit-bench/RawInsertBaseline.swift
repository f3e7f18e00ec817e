import Foundation
import GRDBSQLite

/// The floor under any durable store: one row of `rowBytes` bytes inserted into one table with the
/// raw SQLite C API, one transaction per row, WAL mode and `synchronous=FULL` like StandStore.
struct RawInsertBaseline {
    let rowBytes: Int

    struct Failure: Error, CustomStringConvertible {
        let step: String
        let message: String
        var description: String { "raw SQLite baseline failed at \(step): \(message)" }
    }

    func run(iterations: Int, warmUp: Int) throws -> Timings {
        let scratch = try ScratchDirectory("raw")
        defer { scratch.remove() }
        var handle: OpaquePointer?
        let path = scratch.url.appendingPathComponent("raw.sqlite").path
        guard sqlite3_open(path, &handle) == SQLITE_OK, let db = handle else { throw Failure(step: "open", message: path) }
        defer { sqlite3_close(db) }
        func exec(_ sql: String) throws {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
                throw Failure(step: sql, message: String(cString: sqlite3_errmsg(db)))
            }
        }
        try exec("PRAGMA journal_mode = WAL")
        try exec("PRAGMA synchronous = FULL")
        try exec("CREATE TABLE raw (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO raw (payload) VALUES (?)", -1, &statement, nil) == SQLITE_OK, let insert = statement else {
            throw Failure(step: "prepare", message: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(insert) }
        var payload = [UInt8](repeating: 0, count: rowBytes)
        var counter: UInt64 = 0
        func insertOne() throws {
            counter += 1
            withUnsafeBytes(of: counter) { bytes in
                for (index, byte) in bytes.enumerated() where index < payload.count { payload[index] = byte }
            }
            try exec("BEGIN IMMEDIATE")
            let result = payload.withUnsafeBytes { bytes in
                sqlite3_bind_blob(insert, 1, bytes.baseAddress, Int32(bytes.count), nil)
                return sqlite3_step(insert)
            }
            sqlite3_reset(insert)
            guard result == SQLITE_DONE else { throw Failure(step: "insert", message: String(cString: sqlite3_errmsg(db))) }
            try exec("COMMIT")
        }
        for _ in 0..<warmUp { try insertOne() }
        return try Timings.measure(iterations) { try insertOne() }
    }
}
