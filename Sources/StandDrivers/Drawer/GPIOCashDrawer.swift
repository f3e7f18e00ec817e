import Foundation
import StandHardware
import Synchronization

/// A cash drawer on GPIO through libgpiod 1.6: the solenoid on an output line pulsed for a
/// configured time, and an optional open sensor on an input line watched for edges. Lines are
/// released when the drawer is closed.
public final class GPIOCashDrawer: CashDrawer, Sendable {
    /// Where the drawer is wired and how.
    public struct Settings: Hashable, Sendable {
        /// "gpiochip0", "/dev/gpiochip0" or a chip label.
        public var chip: String
        public var solenoidLine: Int
        public var sensorLine: Int?
        public var pulse: Duration
        /// The solenoid fires on a low level.
        public var solenoidActiveLow: Bool
        /// The sensor reads low when the drawer is open.
        public var sensorActiveLow: Bool
        /// Seconds before an open drawer is reported as left open.
        public var leftOpenAfter: Int

        public init(chip: String, solenoidLine: Int, sensorLine: Int? = nil, pulse: Duration = .milliseconds(100),
                    solenoidActiveLow: Bool = false, sensorActiveLow: Bool = false, leftOpenAfter: Int = 30) {
            self.chip = chip
            self.solenoidLine = solenoidLine
            self.sensorLine = sensorLine
            self.pulse = pulse
            self.solenoidActiveLow = solenoidActiveLow
            self.sensorActiveLow = sensorActiveLow
            self.leftOpenAfter = leftOpenAfter
        }
    }

    private struct Lines {
        var lifecycle = DeviceLifecycle()
        var chip: GPIOChip?
        var solenoid: GPIOLine?
        var sensor: GPIOLine?
        var monitor: DrawerSensorMonitor
    }

    public let identity: DeviceIdentity
    public let capabilities: DeviceCapabilities
    private let settings: Settings
    private let lines: Mutex<Lines>
    private let broadcaster = DeviceEventBroadcaster()
    private let watching = Atomic<Bool>(false)
    private let watcherRunning = Atomic<Bool>(false)
    private let consumer = "standd-drawer"

    public init(settings: Settings) {
        self.settings = settings
        identity = DeviceIdentity(kind: .cashDrawer, model: "GPIO cash drawer",
                                  connection: .gpio(chip: settings.chip, lines: [settings.solenoidLine] + (settings.sensorLine.map { [$0] } ?? [])))
        capabilities = DeviceCapabilities(reportsStatus: settings.sensorLine != nil, hasDrawerSensor: settings.sensorLine != nil)
        lines = Mutex(Lines(monitor: DrawerSensorMonitor(leftOpenAfter: settings.leftOpenAfter)))
    }

    deinit {
        watching.store(false, ordering: .relaxed)
    }

    public var state: DeviceState { lines.withLock { $0.lifecycle.state } }

    public var isOpen: Bool? { lines.withLock { $0.monitor.isOpen } }

    public func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    public func open() async throws(DeviceError) {
        let chipName = settings.chip
        try lines.withLock { (value: inout Lines) throws(DeviceError) in
            do throws(SystemCallError) { value.chip = try GPIOChip(chipName) } catch {
                throw .notFound(.cashDrawer, "GPIO chip \(chipName)", detail: error.description)
            }
            try value.lifecycle.opened()
        }
        broadcaster.send(.stateChanged(.opened))
    }

    public func claim() async throws(DeviceError) {
        let settings = settings
        let consumer = consumer
        try lines.withLock { (value: inout Lines) throws(DeviceError) in
            guard let chip = value.chip else { throw .wrongState(value.lifecycle.state, "claim") }
            do throws(SystemCallError) {
                let solenoid = try chip.line(settings.solenoidLine)
                try solenoid.requestOutput(consumer: consumer, activeLow: settings.solenoidActiveLow)
                value.solenoid = solenoid
                if let sensorLine = settings.sensorLine {
                    let sensor = try chip.line(sensorLine)
                    try sensor.requestEdges(consumer: consumer, activeLow: settings.sensorActiveLow)
                    value.sensor = sensor
                }
            } catch {
                value.solenoid?.release()
                value.solenoid = nil
                throw error.errno == EBUSY ? .busy(.cashDrawer, detail: error.description) : .io(.cashDrawer, detail: error.description)
            }
            try value.lifecycle.claimed()
        }
        broadcaster.send(.stateChanged(.claimed))
    }

    public func enable() async throws(DeviceError) {
        let sensor = try lines.withLock { (value: inout Lines) throws(DeviceError) -> GPIOLine? in
            try value.lifecycle.enabled()
            if let sensor = value.sensor {
                let open = (try? sensor.value()) ?? false
                for event in value.monitor.sensor(open: open, at: Self.now()) { broadcaster.send(event) }
            }
            return value.sensor
        }
        broadcaster.send(.stateChanged(.enabled))
        if let sensor { startWatching(sensor) }
    }

    /// Watches the sensor on its own thread: libgpiod's wait blocks, which a task must not do.
    private func startWatching(_ sensor: GPIOLine) {
        watching.store(true, ordering: .relaxed)
        watcherRunning.store(true, ordering: .sequentiallyConsistent)
        let thread = Thread { [weak self] in
            defer { self?.watcherRunning.store(false, ordering: .sequentiallyConsistent) }
            while let self, self.watching.load(ordering: .relaxed) {
                do throws(SystemCallError) {
                    if try sensor.waitForEdge(milliseconds: 200) {
                        let rising = try sensor.readEdge()
                        self.deliver { $0.sensor(open: rising, at: Self.now()) }
                    }
                    self.deliver { $0.tick(at: Self.now()) }
                } catch {
                    // A failure after close() asked the thread to stop is the close, not the drawer.
                    guard self.watching.exchange(false, ordering: .relaxed) else { return }
                    self.lines.withLock { $0.lifecycle.failed(.io(.cashDrawer, detail: error.description)) }
                    self.broadcaster.send(.disconnected)
                }
            }
        }
        thread.name = "standd GPIO drawer sensor"
        thread.start()
    }

    private func deliver(_ update: (inout DrawerSensorMonitor) -> [DeviceEvent]) {
        for event in lines.withLock({ update(&$0.monitor) }) { broadcaster.send(event) }
    }

    public func openDrawer() async throws(DeviceError) {
        let solenoid = try lines.withLock { (value: inout Lines) throws(DeviceError) -> GPIOLine in
            guard value.lifecycle.state == .enabled, let solenoid = value.solenoid else {
                throw .wrongState(value.lifecycle.state, "open the drawer")
            }
            return solenoid
        }
        do throws(SystemCallError) {
            try solenoid.set(true)
            try? await Task.sleep(for: settings.pulse)
            try solenoid.set(false)
        } catch {
            try? solenoid.set(false)
            throw .io(.cashDrawer, detail: error.description)
        }
        guard settings.sensorLine != nil else { return }
        for _ in 0..<10 {
            if isOpen == true { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        throw .jammed(.cashDrawer, detail: "the sensor still read closed 1 s after a \(settings.pulse) pulse")
    }

    public func close() async {
        watching.store(false, ordering: .relaxed)
        // The sensor thread's wait ends within 200 ms; the lines are released only after it,
        // so they can be requested again as soon as close() returns.
        while watcherRunning.load(ordering: .sequentiallyConsistent) { try? await Task.sleep(for: .milliseconds(5)) }
        let wasOpen = lines.withLock { value -> Bool in
            try? value.solenoid?.set(false)
            value.solenoid?.release()
            value.sensor?.release()
            value.solenoid = nil
            value.sensor = nil
            value.chip = nil
            defer { value.lifecycle.closed() }
            return value.lifecycle.state != .closed
        }
        if wasOpen { broadcaster.send(.stateChanged(.closed)) }
    }

    private static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    }
}
