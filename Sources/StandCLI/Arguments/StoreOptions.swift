import ArgumentParser
import Foundation
import StandCore
import StandStore

/// `--data-dir` and `--stand-id`, shared by every command that opens a stand's store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: "The stand's data directory (default: $STAND_DATA_DIR, else /var/lib/standkit).")
    var dataDirectory: String?

    @Option(name: .customLong("stand-id"), help: "The stand's id (default: $STAND_ID, else stand-1).")
    var standID: String?

    var resolvedDataDirectory: String {
        dataDirectory ?? ProcessInfo.processInfo.environment["STAND_DATA_DIR"] ?? "/var/lib/standkit"
    }

    var resolvedStandID: StandID {
        StandID(standID ?? ProcessInfo.processInfo.environment["STAND_ID"] ?? "stand-1")
    }

    func openStore() throws -> StandStore {
        try StandStore.open(dataDirectory: resolvedDataDirectory, standID: resolvedStandID)
    }
}
