import StandHardware

/// What the supervisor knows about one kind of device, for the display, the log and the
/// terminal: "printer: out of paper", "card terminal: not connected — retrying in 4 s".
public struct DeviceStatus: Hashable, Sendable, CustomStringConvertible {
    public let kind: DeviceKind
    /// Which device, when one is configured.
    public let identity: DeviceIdentity?
    /// Where the device is in its lifecycle when the status was read; nil when not configured.
    public let state: DeviceState?
    /// Whether work can be sent to it, in the terminal's terms.
    public let condition: DeviceCondition
    /// Failed connection attempts in a row (0 while it works).
    public let failures: Int
    /// The last error, when it is not usable.
    public let error: DeviceError?

    public init(kind: DeviceKind, identity: DeviceIdentity?, state: DeviceState? = nil, condition: DeviceCondition,
                failures: Int = 0, error: DeviceError? = nil) {
        self.kind = kind
        self.identity = identity
        self.state = state
        self.condition = condition
        self.failures = failures
        self.error = error
    }

    /// "out of paper", "ok", "not configured".
    public var summary: String {
        switch condition {
        case .ready: "ok"
        case .warning(let text), .unavailable(let text): text
        case .notConfigured: "not configured"
        }
    }

    /// "printer: out of paper".
    public var description: String { "\(kind): \(summary)" }

    /// The same status with the device's lifecycle state filled in.
    func with(state: DeviceState?) -> DeviceStatus {
        DeviceStatus(kind: kind, identity: identity, state: state, condition: condition, failures: failures, error: error)
    }
}
