import StandHardware

/// Collapses repeated sightings of the same code into one scan: a camera sees a code held
/// in front of it in many consecutive frames, and that is one scan, not many.
///
/// A code counts again only once it has not been seen for `window` (a code held still for
/// minutes stays one scan). Time is passed in, so the behaviour is testable without waiting.
public struct ScanDebouncer: Sendable {
    /// How long a code must be absent before seeing it again counts as a new scan.
    public let window: Duration
    private var lastSeen: [ScannedCode: ContinuousClock.Instant] = [:]

    public init(window: Duration = .seconds(1)) {
        self.window = window
    }

    /// The codes in `codes` that are new scans at `now`, in order, each at most once.
    public mutating func accept(_ codes: [ScannedCode], at now: ContinuousClock.Instant) -> [ScannedCode] {
        lastSeen = lastSeen.filter { now - $0.value < window }
        var fresh: [ScannedCode] = []
        for code in codes {
            if lastSeen[code] == nil, !fresh.contains(code) { fresh.append(code) }
            lastSeen[code] = now
        }
        return fresh
    }
}
