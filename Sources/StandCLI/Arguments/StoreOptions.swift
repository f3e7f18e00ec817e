import ArgumentParser
import Foundation
import StandCore
import StandStore

/// `--data-dir` and `--stand-id`, shared by every command that opens a stand's store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: "The stand's data directory (default: $STAND_DATA_DIR, else /var/lib/standkit).")
    var dataDirectory: String?

    @Option(name: .customLong("stand-id"),
            help: "The stand's id (default: $STAND_ID, else the id the data directory's database was made for, else stand-1).")
    var standID: String?

    var resolvedDataDirectory: String {
        dataDirectory ?? ProcessInfo.processInfo.environment["STAND_DATA_DIR"] ?? "/var/lib/standkit"
    }

    func resolvedStandID() throws -> StandID {
        if let given = standID ?? ProcessInfo.processInfo.environment["STAND_ID"] { return StandID(given) }
        return try StandStore.standID(ofDataDirectory: resolvedDataDirectory) ?? "stand-1"
    }

    func openStore() throws -> StandStore {
        try StandStore.open(dataDirectory: resolvedDataDirectory, standID: try resolvedStandID())
    }
}
