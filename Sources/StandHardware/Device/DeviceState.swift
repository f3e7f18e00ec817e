/// Where a device is in its life, after the UnifiedPOS model: a device is opened (its driver
/// holds the connection), claimed (this process has it exclusively) and enabled (it delivers
/// events and accepts work). It can fail or be unplugged from any of those, and come back.
public enum DeviceState: Hashable, Sendable, Codable, CustomStringConvertible {
    case closed
    case opened
    case claimed
    case enabled
    /// Unplugged or unreachable; the supervisor reconnects.
    case disconnected
    /// Broken in a way the operator must fix (paper out is a status, not a failure).
    case failed(DeviceError)

    /// Whether the device accepts work now.
    public var isUsable: Bool { self == .enabled }

    public var description: String {
        switch self {
        case .closed: "closed"
        case .opened: "opened"
        case .claimed: "claimed"
        case .enabled: "ok"
        case .disconnected: "disconnected"
        case .failed(let error): "failed: \(error.summary)"
        }
    }
}

/// The lifecycle rules every driver follows: which step may come after which.
public struct DeviceLifecycle: Hashable, Sendable {
    public private(set) var state: DeviceState = .closed

    public init() {}

    public mutating func opened() throws(DeviceError) {
        guard state == .closed || state == .disconnected || state.isFailed else { throw .wrongState(state, "open") }
        state = .opened
    }

    public mutating func claimed() throws(DeviceError) {
        guard state == .opened else { throw .wrongState(state, "claim") }
        state = .claimed
    }

    public mutating func enabled() throws(DeviceError) {
        guard state == .claimed else { throw .wrongState(state, "enable") }
        state = .enabled
    }

    public mutating func disabled() {
        if state == .enabled { state = .claimed }
    }

    public mutating func closed() { state = .closed }
    public mutating func disconnected() { state = .disconnected }
    public mutating func failed(_ error: DeviceError) { state = .failed(error) }
}

extension DeviceState {
    var isFailed: Bool {
        if case .failed = self { return true }
        return false
    }
}
