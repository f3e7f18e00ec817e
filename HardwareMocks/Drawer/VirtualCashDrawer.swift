import Foundation
import StandHardware
import Synchronization

/// A cash drawer in memory: records every pulse with its time, has an open sensor, and can be
/// jammed. The test (or the simulator) plays the operator who pushes it shut: `shut()`.
public final class VirtualCashDrawer: CashDrawer, Sendable {
    private struct Solenoid {
        var isOpen = false
        var jammed = false
        var pulses: [DrawerPulse] = []
    }

    private let core: MockDeviceCore
    private let solenoid = Mutex(Solenoid())
    private let now: @Sendable () -> Date
    private let hasSensor: Bool
    public let capabilities: DeviceCapabilities
    /// The pulse `openDrawer()` gives, as a GPIO driver would.
    public static let directPulseMilliseconds = 100

    /// - Parameters:
    ///   - hasSensor: without one, `isOpen` is nil and no opened/closed events are sent.
    ///   - now: the clock pulses are stamped with.
    public init(name: String = "drawer", hasSensor: Bool = true, now: @escaping @Sendable () -> Date = Date.init) {
        core = MockDeviceCore(kind: .cashDrawer, model: "virtual cash drawer", name: name)
        self.hasSensor = hasSensor
        self.now = now
        capabilities = DeviceCapabilities(reportsStatus: hasSensor, hasDrawerSensor: hasSensor)
    }

    // MARK: - Device

    public var identity: DeviceIdentity { core.identity }
    public var state: DeviceState { core.state }
    public func open() async throws(DeviceError) { try core.open() }
    public func claim() async throws(DeviceError) { try core.claim() }
    public func enable() async throws(DeviceError) { try core.enable() }
    public func close() async { core.close() }
    public func events() -> AsyncStream<DeviceEvent> { core.broadcaster.subscribe() }

    // MARK: - CashDrawer

    public func openDrawer() async throws(DeviceError) {
        try core.requireEnabled("open the drawer")
        let opened = pulse(.direct, milliseconds: Self.directPulseMilliseconds)
        if !opened { throw .jammed(.cashDrawer, detail: "the sensor still shows closed after the pulse") }
    }

    public var isOpen: Bool? {
        get async { hasSensor ? solenoid.withLock { $0.isOpen } : nil }
    }

    // MARK: - Observation and faults

    /// Every pulse, oldest first.
    public var pulses: [DrawerPulse] { solenoid.withLock { $0.pulses } }

    /// The sensor, synchronously (the printer's kick connector reads it for DLE EOT 1).
    public var sensorShowsOpen: Bool { solenoid.withLock { $0.isOpen } }

    /// The drawer sticks: pulses do not open it and `openDrawer()` throws `.jammed`.
    public func jam() { solenoid.withLock { $0.jammed = true } }

    /// Freed by hand.
    public func unjam() { solenoid.withLock { $0.jammed = false } }

    /// The operator pushes the drawer shut (named so because `close()` ends the device session).
    public func shut() {
        let wasOpen = solenoid.withLock { s -> Bool in
            defer { s.isOpen = false }
            return s.isOpen
        }
        if wasOpen && hasSensor { core.send(.drawerClosed) }
    }

    public func unplug() { core.unplug() }
    public func plugIn() { core.plugIn() }

    /// A pulse from the printer's kick connector (`ESC p`); ignored while unplugged. Never
    /// takes the printer's lock, so the printer may call it while holding its own.
    func pulseFromPrinter(milliseconds: Int) {
        guard core.isPluggedIn else { return }
        _ = pulse(.printerKick, milliseconds: milliseconds)
    }

    /// Records the pulse; returns whether the drawer is open after it.
    private func pulse(_ source: DrawerPulse.Source, milliseconds: Int) -> Bool {
        let time = now()
        let (opened, wasOpen) = solenoid.withLock { s -> (Bool, Bool) in
            let wasOpen = s.isOpen
            if !s.jammed { s.isOpen = true }
            s.pulses.append(DrawerPulse(time: time, source: source, milliseconds: milliseconds, opened: s.isOpen))
            return (s.isOpen, wasOpen)
        }
        if opened && !wasOpen && hasSensor { core.send(.drawerOpened) }
        return opened
    }
}
