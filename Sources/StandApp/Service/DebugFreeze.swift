import Foundation

/// The hung main loop the watchdog test needs: in debug builds `STANDD_DEBUG_FREEZE_AFTER_MS=N`
/// blocks the appliance's actor N ms after standd is ready, for good. Release builds ignore it.
enum DebugFreeze {
    static func arm(_ appliance: StandAppliance, environment: [String: String]) {
        #if DEBUG
        guard let milliseconds = environment["STANDD_DEBUG_FREEZE_AFTER_MS"].flatMap(Int.init) else { return }
        Task.detached {
            try? await Task.sleep(for: .milliseconds(milliseconds))
            await appliance.freezeForDebugging()
        }
        #endif
    }
}

#if DEBUG
extension StandAppliance {
    /// Never returns, and holds the actor while it does not.
    func freezeForDebugging() {
        while true { sleep(3600) }
    }
}
#endif
