import Foundation
import GRDB
import StandCore

extension StandStore {
    /// The stand a data directory's database belongs to, read without changing anything; nil
    /// when the directory holds no database yet (or one that does not say).
    public static func standID(ofDataDirectory dataDirectory: String) throws(StoreError) -> StandID? {
        let path = (URL(fileURLWithPath: dataDirectory).standardizedFileURL.path as NSString)
            .appendingPathComponent(databaseFileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                guard try db.tableExists("store_meta") else { return nil }
                return try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'stand_id'").map(StandID.init)
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }
}
