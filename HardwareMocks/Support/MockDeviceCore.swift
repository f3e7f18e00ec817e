import StandHardware
import Synchronization

/// The part every mock shares: its identity, the lifecycle rules, whether it is plugged in,
/// and the event fan-out. Each step and fault emits the events a real driver would.
final class MockDeviceCore: Sendable {
    let identity: DeviceIdentity
    let broadcaster = DeviceEventBroadcaster()
    private let lifecycle = Mutex<(rules: DeviceLifecycle, pluggedIn: Bool)>((DeviceLifecycle(), true))

    init(kind: DeviceKind, model: String, name: String) {
        identity = DeviceIdentity(kind: kind, model: model, connection: .virtual(name: name))
    }

    var state: DeviceState { lifecycle.withLock { $0.rules.state } }
    var isPluggedIn: Bool { lifecycle.withLock { $0.pluggedIn } }

    func open() throws(DeviceError) {
        try step { (rules: inout DeviceLifecycle, pluggedIn: Bool) throws(DeviceError) in
            guard pluggedIn else { throw .notFound(identity.kind, identity.connection.description, detail: "unplugged by the test") }
            try rules.opened()
        }
    }

    func claim() throws(DeviceError) {
        try step { (rules: inout DeviceLifecycle, _: Bool) throws(DeviceError) in try rules.claimed() }
    }

    func enable() throws(DeviceError) {
        try step { (rules: inout DeviceLifecycle, _: Bool) throws(DeviceError) in try rules.enabled() }
    }

    func close() {
        let changed = lifecycle.withLock { value -> Bool in
            defer { value.rules.closed() }
            return value.rules.state != .closed
        }
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    /// Throws unless the device is enabled: `.disconnected` when unplugged, `.wrongState` otherwise.
    func requireEnabled(_ operation: String) throws(DeviceError) {
        let (state, pluggedIn) = lifecycle.withLock { ($0.rules.state, $0.pluggedIn) }
        guard pluggedIn, state != .disconnected else { throw .disconnected(identity.kind, detail: "unplugged by the test") }
        guard state == .enabled else { throw .wrongState(state, operation) }
    }

    /// The cable is pulled: the state becomes `.disconnected` until the device is reopened.
    func unplug() {
        let changed = lifecycle.withLock { value -> Bool in
            let wasPluggedIn = value.pluggedIn
            value.pluggedIn = false
            if value.rules.state != .closed { value.rules.disconnected() }
            return wasPluggedIn
        }
        guard changed else { return }
        broadcaster.send(.disconnected)
        if state == .disconnected { broadcaster.send(.stateChanged(.disconnected)) }
    }

    /// The cable is back: emits `.reconnected`; the owner reopens the device (`start()`).
    func plugIn() {
        let changed = lifecycle.withLock { value -> Bool in
            defer { value.pluggedIn = true }
            return !value.pluggedIn
        }
        if changed { broadcaster.send(.reconnected) }
    }

    func send(_ event: DeviceEvent) { broadcaster.send(event) }

    private func step(_ change: (inout DeviceLifecycle, Bool) throws(DeviceError) -> Void) throws(DeviceError) {
        let state = try lifecycle.withLock { (value) throws(DeviceError) -> DeviceState in
            try change(&value.rules, value.pluggedIn)
            return value.rules.state
        }
        broadcaster.send(.stateChanged(state))
    }
}
