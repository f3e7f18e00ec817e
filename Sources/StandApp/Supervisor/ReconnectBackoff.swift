/// How long the supervisor waits before trying a failed device again: `initial`, doubling with
/// every failure in a row, never more than `maximum` (raised to `initial` if below it).
public struct ReconnectBackoff: Hashable, Sendable {
    public var initial: Duration
    public var maximum: Duration

    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(30)) {
        self.initial = max(initial, .milliseconds(1))
        self.maximum = max(maximum, self.initial)
    }

    /// The wait after `failures` failed attempts in a row (1 = the first failure).
    public func delay(afterFailures failures: Int) -> Duration {
        var delay = initial
        var step = 1
        while step < failures && delay < maximum {
            delay *= 2
            step += 1
        }
        return min(delay, maximum)
    }
}
