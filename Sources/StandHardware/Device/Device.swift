/// Every device of the kit: an identity, a lifecycle (open → claim → enable, close), a state,
/// declared capabilities and a stream of events. Real drivers live in StandDrivers, virtual ones
/// in HardwareMocks; the appliance only sees these protocols.
public protocol Device: AnyObject, Sendable {
    var identity: DeviceIdentity { get }
    var capabilities: DeviceCapabilities { get }
    var state: DeviceState { get async }

    /// Connects to the device (opens the file, finds the USB device, connects the socket).
    func open() async throws(DeviceError)
    /// Takes it exclusively (claims the USB interface, grabs the input device).
    func claim() async throws(DeviceError)
    /// Starts events and accepts work.
    func enable() async throws(DeviceError)
    /// Releases and closes it; idempotent, never throws.
    func close() async

    /// A new subscription to the device's events, from now on. Several may be open at once.
    func events() -> AsyncStream<DeviceEvent>
}

extension Device {
    /// open → claim → enable in one step.
    public func start() async throws(DeviceError) {
        try await open()
        try await claim()
        try await enable()
    }
}
