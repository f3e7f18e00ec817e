import Foundation
import GRDB
import Logging
import StandCore

/// The stand's durable local store: sales, refunds, inventory ledger, hash-chained journal and
/// sync outbox in one SQLite database (`stand.sqlite` in the data directory).
///
/// Every commit runs in one write transaction (WAL mode, `synchronous=FULL`, foreign keys on) and
/// returns only after SQLite has made it durable, so a sale may be shown, printed and the drawer
/// opened as soon as `commit` returns. Thread-safe: writes are serialised, reads run concurrently.
public final class StandStore: Sendable {
    /// The database file's name inside the data directory.
    public static let databaseFileName = "stand.sqlite"

    /// The stand this store belongs to; every journal entry carries it.
    public let standID: StandID
    /// The database file, or ":memory:" for an in-memory store.
    public let databasePath: String
    let writer: any DatabaseWriter
    let logger: Logger

    private init(standID: StandID, databasePath: String, writer: any DatabaseWriter, logger: Logger) {
        self.standID = standID
        self.databasePath = databasePath
        self.writer = writer
        self.logger = logger
    }

    /// Opens (creating if needed) the store in `dataDirectory`, applying migrations.
    ///
    /// Throws `StoreError.missingDataDirectory`, `.notADirectory`, `.readOnlyDataDirectory`,
    /// `.corruptDatabase` (the file is left untouched), `.newerSchema`, `.diskFull` or
    /// `.standMismatch` (the database was created for another stand).
    public static func open(dataDirectory: String, standID: StandID,
                            logger: Logger = Logger(label: "standkit.store")) throws(StoreError) -> StandStore {
        let directory = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .missingDataDirectory(path: directory)
        }
        guard isDirectory.boolValue else { throw .notADirectory(path: directory) }
        try probeWritable(directory: directory)
        let path = (directory as NSString).appendingPathComponent(databaseFileName)
        let pool: DatabasePool
        do { pool = try DatabasePool(path: path, configuration: configuration()) } catch {
            throw StoreError(error, path: path)
        }
        let store = StandStore(standID: standID, databasePath: path, writer: pool, logger: logger)
        try store.prepare()
        return store
    }

    /// A store that lives in memory only, for tests and dry runs.
    public static func inMemory(standID: StandID, logger: Logger = Logger(label: "standkit.store")) throws(StoreError) -> StandStore {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(configuration: configuration()) } catch {
            throw StoreError(error, path: ":memory:")
        }
        let store = StandStore(standID: standID, databasePath: ":memory:", writer: queue, logger: logger)
        try store.prepare()
        return store
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "StandStore"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// Creates and removes a small file, the only sure test that this process may write here
    /// (permission bits say nothing about read-only mounts, and root ignores them).
    private static func probeWritable(directory: String) throws(StoreError) {
        let probe = URL(fileURLWithPath: directory).appendingPathComponent(".standstore-write-probe-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data().write(to: probe, options: .withoutOverwriting)
            try FileManager.default.removeItem(at: probe)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey].map { String(describing: $0) }
            throw .readOnlyDataDirectory(path: directory, user: ProcessInfo.processInfo.userName,
                                         detail: underlying ?? (error as NSError).localizedDescription)
        }
    }

    /// Refuses databases from a newer StandKit, applies migrations and binds the store to its stand.
    private func prepare() throws(StoreError) {
        let migrator = StoreSchema.migrator
        let path = databasePath
        let standID = standID
        do {
            let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted()) }
            try migrator.migrate(writer)
            try writer.write { db in
                if let stored = try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'stand_id'") {
                    if stored != standID.rawValue {
                        throw StoreError.standMismatch(path: path, stored: StandID(stored), requested: standID)
                    }
                } else {
                    try db.execute(sql: "INSERT INTO store_meta (key, value) VALUES ('stand_id', ?)", arguments: [standID.rawValue])
                }
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `body` in one write transaction, mapping every failure to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.write(body) } catch { throw StoreError(error, path: databasePath) }
    }

    /// Runs `body` on a consistent read snapshot, mapping every failure to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.read(body) } catch { throw StoreError(error, path: databasePath) }
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound database, otherwise SQLite's findings.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
