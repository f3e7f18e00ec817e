import Logging
import Synchronization

/// The level the process's journal log handlers write from, shared by all of them so that
/// SIGHUP's new `[log] level` takes effect at once for every logger.
public final class LogThreshold: Sendable {
    private let level: Mutex<Logger.Level>

    public init(_ level: Logger.Level) {
        self.level = Mutex(level)
    }

    public var current: Logger.Level {
        level.withLock { $0 }
    }

    public func set(_ newLevel: Logger.Level) {
        level.withLock { $0 = newLevel }
    }
}
