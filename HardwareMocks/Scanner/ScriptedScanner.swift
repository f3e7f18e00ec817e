import StandHardware

/// A scanner the test drives: each `scan` is a code read at the stand, delivered as
/// `DeviceEvent.codeScanned` while the scanner is enabled.
public final class ScriptedScanner: Scanner, Sendable {
    private let core: MockDeviceCore
    public let capabilities = DeviceCapabilities.none

    public init(name: String = "scanner") {
        core = MockDeviceCore(kind: .scanner, model: "scripted scanner", name: name)
    }

    public var identity: DeviceIdentity { core.identity }
    public var state: DeviceState { core.state }
    public func open() async throws(DeviceError) { try core.open() }
    public func claim() async throws(DeviceError) { try core.claim() }
    public func enable() async throws(DeviceError) { try core.enable() }
    public func close() async { core.close() }
    public func events() -> AsyncStream<DeviceEvent> { core.broadcaster.subscribe() }

    /// Reads `code`; returns false (and sends nothing) when the scanner is not enabled, as a
    /// real scanner's reads are lost then.
    @discardableResult
    public func scan(_ code: ScannedCode) -> Bool {
        guard core.state == .enabled else { return false }
        core.send(.codeScanned(code))
        return true
    }

    @discardableResult
    public func scan(payload: String, symbology: Symbology = .qr) -> Bool {
        scan(ScannedCode(symbology: symbology, payload: payload))
    }

    public func unplug() { core.unplug() }
    public func plugIn() { core.plugIn() }
}
