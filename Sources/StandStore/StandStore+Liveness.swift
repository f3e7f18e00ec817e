import Foundation
import GRDB

extension StandStore {
    /// Reads one row; throws when the database does not answer (the service's watchdog asks
    /// this before telling systemd the stand is alive).
    public func answersTrivialRead() throws(StoreError) {
        _ = try read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// How many sales the fleet has not acknowledged yet.
    public func salesWaitingToSync() throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM outbox o JOIN journal j ON j.seq = o.seq
                WHERE o.acknowledged_at IS NULL AND j.kind = 'sale'
                """) ?? 0
        }
    }

    /// Whether opening the store in `dataDirectory` will migrate an existing database (which may
    /// take long on a big one). False for a new database and for one that cannot be read:
    /// `open` reports those.
    public static func hasPendingMigrations(dataDirectory: String) -> Bool {
        let path = (URL(fileURLWithPath: dataDirectory).standardizedFileURL.path as NSString).appendingPathComponent(databaseFileName)
        guard FileManager.default.fileExists(atPath: path) else { return false }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in try !StoreSchema.migrator.hasCompletedMigrations(db) }
        } catch {
            return false
        }
    }
}
