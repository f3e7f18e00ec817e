import Foundation
import GRDB
import StandCore

/// Why the store could not open, write or read. Each description says what happened, to which
/// file or directory, and what to do. The store never deletes or overwrites a database it could
/// not read.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case missingDataDirectory(path: String)
    case notADirectory(path: String)
    case readOnlyDataDirectory(path: String, user: String, detail: String)
    case corruptDatabase(path: String, detail: String)
    case newerSchema(path: String, unknownMigrations: [String])
    case diskFull(path: String)
    case standMismatch(path: String, stored: StandID, requested: StandID)
    case wrongStand(expected: StandID, found: StandID)
    case duplicateSale(SaleID)
    case saleNotFound(SaleID)
    case rejected(SaleError)
    case invalidInventory(InventoryError)
    case unreadableRecord(path: String, detail: String)
    case database(path: String, code: Int32, detail: String)
    /// A card payment whose outcome is not known yet blocks the next one.
    case cardPaymentUnresolved(reference: String, amount: Money)
    /// A card attempt cannot go from its stored state to the one asked for.
    case cardAttemptState(reference: String, state: String, wanted: String)
    case cardAttemptNotFound(reference: String)

    public var description: String {
        switch self {
        case .missingDataDirectory(let path):
            "The data directory \(path) does not exist. Create it (mkdir -p \(path)) or pass the right --data-dir."
        case .notADirectory(let path):
            "The data directory \(path) is not a directory. Pass a directory as --data-dir."
        case .readOnlyDataDirectory(let path, let user, let detail):
            "The data directory \(path) cannot be written by user \(user) (\(detail)). Give \(user) write permission on it (chown/chmod), or remount it read-write."
        case .corruptDatabase(let path, let detail):
            "The database \(path) is damaged or not a StandKit database (\(detail)). It was left untouched: move it aside and restore \(path) from a backup (or let the stand start empty and resync from the fleet)."
        case .newerSchema(let path, let unknown):
            "The database \(path) was written by a newer StandKit (unknown schema steps: \(unknown.joined(separator: ", "))). Upgrade StandKit on this stand; do not use an older version on this file."
        case .diskFull(let path):
            "The disk holding \(path) is full; nothing was saved from the last action. Free space on that disk, then repeat the action."
        case .standMismatch(let path, let stored, let requested):
            "The database \(path) belongs to stand \(stored), not \(requested). Use this stand's own data directory, or the stand id it was created with."
        case .wrongStand(let expected, let found):
            "The event belongs to stand \(found) but this store is stand \(expected)'s. Record it on stand \(found)."
        case .duplicateSale(let id):
            "A different sale with id \(id) is already stored. Give the new sale its own id."
        case .saleNotFound(let id):
            "No sale \(id) is stored on this stand. Check the sale id on the receipt."
        case .rejected(let error):
            error.description
        case .invalidInventory(let error):
            error.description
        case .unreadableRecord(let path, let detail):
            "A stored record in \(path) cannot be read (\(detail)). Run `standctl journal verify`; restore the database from a backup if it reports a break."
        case .database(let path, let code, let detail):
            "The database \(path) failed (SQLite code \(code): \(detail)). Repeat the action; if it keeps failing, copy the data directory and report it."
        case .cardPaymentUnresolved(let reference, let amount):
            "The card payment \(reference) of \(amount) has no known outcome yet. The stand asks the card terminal first; take cash until then, or let a supervisor settle it (standctl card attempts)."
        case .cardAttemptState(let reference, let state, let wanted):
            "The card payment \(reference) is \(state) and cannot become \(wanted). Check it with standctl card attempts."
        case .cardAttemptNotFound(let reference):
            "No card payment \(reference) is stored on this stand. Check the reference with standctl card attempts."
        }
    }

    /// Classifies any error thrown while using the database at `path`.
    init(_ error: any Error, path: String) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as SaleError:
            self = .rejected(error)
        case let error as InventoryError:
            self = .invalidInventory(error)
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                self = .corruptDatabase(path: path, detail: error.message ?? "\(error.resultCode)")
            case .SQLITE_FULL:
                self = .diskFull(path: path)
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                self = .readOnlyDataDirectory(path: (path as NSString).deletingLastPathComponent,
                                              user: ProcessInfo.processInfo.userName, detail: error.message ?? "\(error.resultCode)")
            default:
                self = .database(path: path, code: error.resultCode.rawValue, detail: error.message ?? "\(error.resultCode)")
            }
        case let error as DecodingError:
            self = .unreadableRecord(path: path, detail: String(describing: error))
        default:
            self = .database(path: path, code: -1, detail: String(describing: error))
        }
    }
}
