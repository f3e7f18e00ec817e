import StandHardware
import Synchronization

/// The stand's display inside the simulator's screen: keeps the frame the appliance shows, for
/// the screen to draw.
public final class SimulatorDisplay: Display, Sendable {
    public let identity = DeviceIdentity(kind: .display, model: "simulator screen", connection: .virtual(name: "display"))
    public let capabilities = DeviceCapabilities.none
    public let geometry: DisplayGeometry
    private let broadcaster = DeviceEventBroadcaster()
    private let shown: Mutex<(lifecycle: DeviceLifecycle, frame: DisplayFrame)>

    public init(geometry: DisplayGeometry) {
        self.geometry = geometry
        shown = Mutex((DeviceLifecycle(), DisplayFrame([], geometry: geometry)))
    }

    public var state: DeviceState { shown.withLock { $0.lifecycle.state } }
    /// What the display shows now.
    public var frame: DisplayFrame { shown.withLock { $0.frame } }

    public func open() async throws(DeviceError) { try step { (l: inout DeviceLifecycle) throws(DeviceError) in try l.opened() } }
    public func claim() async throws(DeviceError) { try step { (l: inout DeviceLifecycle) throws(DeviceError) in try l.claimed() } }
    public func enable() async throws(DeviceError) { try step { (l: inout DeviceLifecycle) throws(DeviceError) in try l.enabled() } }
    public func close() async { shown.withLock { $0.lifecycle.closed() } }
    public func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    public func show(_ frame: DisplayFrame) async throws(DeviceError) {
        shown.withLock { $0.frame = frame }
    }

    private func step(_ change: (inout DeviceLifecycle) throws(DeviceError) -> Void) throws(DeviceError) {
        let state = try shown.withLock { (value) throws(DeviceError) -> DeviceState in
            try change(&value.lifecycle)
            return value.lifecycle.state
        }
        broadcaster.send(.stateChanged(state))
    }
}
