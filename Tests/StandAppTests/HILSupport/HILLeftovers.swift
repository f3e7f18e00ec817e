import Foundation
import Synchronization

/// What a HIL test left running when it failed part-way (a stand holding the printer, the
/// gadget side still open): the next test ends it first, so one failure does not fail the rest.
enum HILLeftovers {
    private static let pending = Mutex<[UUID: @Sendable () async -> Void]>([:])

    /// Registers an ending; returns its key for `done`.
    static func add(_ end: @escaping @Sendable () async -> Void) -> UUID {
        let key = UUID()
        pending.withLock { $0[key] = end }
        return key
    }

    /// The thing was ended by its test.
    static func done(_ key: UUID) {
        _ = pending.withLock { $0.removeValue(forKey: key) }
    }

    /// Ends whatever earlier tests left running.
    static func endAll() async {
        let ends = pending.withLock { pending in
            defer { pending = [:] }
            return Array(pending.values)
        }
        for end in ends { await end() }
    }
}
