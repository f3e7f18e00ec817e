import Foundation
import StandHardware
import Synchronization

/// A position source the test moves: each `move(to:)` is a fix, kept as `lastFix` and sent as
/// `DeviceEvent.locationFix` while enabled.
public final class FakeLocationSource: LocationSource, Sendable {
    private let core: MockDeviceCore
    private let fix = Mutex<LocationFix?>(nil)
    public let capabilities = DeviceCapabilities.none

    public init(name: String = "gps") {
        core = MockDeviceCore(kind: .locationSource, model: "fake GPS", name: name)
    }

    public var identity: DeviceIdentity { core.identity }
    public var state: DeviceState { core.state }
    public func open() async throws(DeviceError) { try core.open() }
    public func claim() async throws(DeviceError) { try core.claim() }
    public func enable() async throws(DeviceError) {
        try core.enable()
        fix.withLock { $0 = nil }
    }
    public func close() async { core.close() }
    public func events() -> AsyncStream<DeviceEvent> { core.broadcaster.subscribe() }

    public var lastFix: LocationFix? {
        get async { fix.withLock { $0 } }
    }

    /// A new fix; returns false (and keeps nothing) when not enabled.
    @discardableResult
    public func move(to location: LocationFix) -> Bool {
        guard core.state == .enabled else { return false }
        fix.withLock { $0 = location }
        core.send(.locationFix(location))
        return true
    }

    @discardableResult
    public func move(latitude: Double, longitude: Double, accuracyMeters: Double? = 5, time: Date = Date()) -> Bool {
        move(to: LocationFix(latitude: latitude, longitude: longitude, accuracyMeters: accuracyMeters, time: time))
    }

    public func unplug() { core.unplug() }
    public func plugIn() { core.plugIn() }
}
