import Foundation
import HardwareMocks
import StandHardware
@testable import StandDrivers
import Testing

/// GPIOCashDrawer (libgpiod) against the gpio-sim chip of the hardware-in-the-loop VM: the
/// solenoid and sensor lines are devices.conf's `drawer-solenoid` and `drawer-sensor`; the test
/// watches the solenoid's level and drives the sensor from the simulator side.
@Suite(.serialized, .enabled(if: HILEnvironment.current.has(.gpioChip, .gpioSimulator),
                             Comment(rawValue: HILEnvironment.skipReason(needs: "the gpio-sim chip"))))
struct HILDrawerTests {
    let chip: String
    let simulator: GPIOSimulator
    let solenoid: Int
    let sensor: Int

    init() throws {
        let environment = HILEnvironment.current
        let devices = try environment.devices()
        chip = try environment.value(.gpioChip)
        simulator = GPIOSimulator(directory: try environment.value(.gpioSimulator))
        solenoid = try devices.gpioLine(named: "drawer-solenoid")
        sensor = try devices.gpioLine(named: "drawer-sensor")
        try simulator.pull(sensor, high: false)
    }

    func drawer(activeLow: Bool = false, sensor: Bool = false, leftOpenAfter: Int = 30) -> GPIOCashDrawer {
        GPIOCashDrawer(settings: .init(chip: chip, solenoidLine: solenoid, sensorLine: sensor ? self.sensor : nil,
                                       pulse: .milliseconds(100), solenoidActiveLow: activeLow, leftOpenAfter: leftOpenAfter))
    }

    @Test(arguments: [false, true])
    func openDrawerPulsesTheSolenoidLineForThePulseTime(activeLow: Bool) async throws {
        let drawer = drawer(activeLow: activeLow)
        try await drawer.start()
        let idle = activeLow ? 1 : 0
        #expect(try simulator.level(solenoid) == idle, "the solenoid rests at its inactive level once claimed")

        let recorder = try simulator.record(solenoid)
        var failure: (any Error)?
        do {
            try await Task.sleep(for: .milliseconds(50))
            try await drawer.openDrawer()
            try await Task.sleep(for: .milliseconds(50))
        } catch {
            failure = error
        }
        let runs = try await recorder.stop()
        await drawer.close()
        if let failure { throw failure }

        #expect(runs.map(\.level) == [idle, 1 - idle, idle], "levels seen: \(runs)")
        if runs.count == 3 {
            // 100 ms asked: the pulse is never shorter; a busy VM's timers may make it longer.
            let width = GPIOLevelRecorder.width(of: 1, in: runs)
            #expect(width.upperBound >= .milliseconds(100), "pulse between \(width.lowerBound) and \(width.upperBound)")
            #expect(width.lowerBound <= .milliseconds(350), "pulse between \(width.lowerBound) and \(width.upperBound)")
        }
    }

    @Test func theSensorLineBecomesOpenedLeftOpenAndClosedEvents() async throws {
        let drawer = drawer(sensor: true, leftOpenAfter: 1)
        let log = USBPrinterPlugTests.EventLog(drawer)
        try await drawer.start()
        #expect(drawer.isOpen == false)

        try simulator.pull(sensor, high: true)
        let opened = ContinuousClock.now
        #expect(await log.waitFor(.drawerOpened))
        #expect(drawer.isOpen == true)
        try await Task.sleep(until: opened + .milliseconds(500))
        let early = log.all.contains(.drawerLeftOpen(seconds: 1))
        // Only a look taken within the second says anything (a busy VM may wake the test late).
        if ContinuousClock.now - opened < .seconds(1) { #expect(!early, "left open reported before its second had passed") }
        #expect(await log.waitFor(.drawerLeftOpen(seconds: 1)))

        try simulator.pull(sensor, high: false)
        #expect(await log.waitFor(.drawerClosed))
        #expect(drawer.isOpen == false)
        #expect(Self.drawerEvents(log.all) == [.drawerOpened, .drawerLeftOpen(seconds: 1), .drawerClosed])
        await drawer.close()
        await waitUntilReleased()
    }

    @Test func aDrawerThatSpringsOpenOnThePulseIsOpenedAndOneThatStaysShutIsJammed() async throws {
        let drawer = drawer(sensor: true)
        let log = USBPrinterPlugTests.EventLog(drawer)
        try await drawer.start()

        // The drawer's mechanics: the solenoid's pulse releases it, the sensor switch closes.
        let simulator = simulator, solenoid = solenoid, sensor = sensor
        let mechanics = Task {
            while !Task.isCancelled {
                if (try? simulator.level(solenoid)) == 1 { try simulator.pull(sensor, high: true); return }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        try await drawer.openDrawer()
        try await mechanics.value
        #expect(await log.waitFor(.drawerOpened))

        try simulator.pull(sensor, high: false)
        #expect(await log.waitFor(.drawerClosed))
        let jammed = try #require(await #expect(throws: DeviceError.self) { try await drawer.openDrawer() })
        #expect(jammed.code == .jammed, "\(jammed)")
        await drawer.close()
        await waitUntilReleased()
    }

    @Test func linesAreHeldWhileClaimedAndReleasedOnClose() async throws {
        let first = drawer(sensor: true)
        let firstLog = USBPrinterPlugTests.EventLog(first)
        try await first.start()
        let second = drawer(sensor: true)
        let refused = try #require(await #expect(throws: DeviceError.self) { try await second.start() })
        #expect(refused.code == .busy, "\(refused)")
        await second.close()

        await first.close()
        #expect(first.state == .closed)
        try requestAndRelease(sensor)
        // The sensor thread ending after close() is no failure and no unplug.
        _ = await eventually(within: .milliseconds(500)) { firstLog.all.contains(.disconnected) }
        #expect(first.state == .closed, "\(first.state): \(Self.failureDetail(first.state))")
        #expect(!firstLog.all.contains(.disconnected), "\(firstLog.all)")
        try await second.start()
        #expect(second.state == .enabled)
        try requestAndReleaseFails(solenoid)
        await second.close()
        await waitUntilReleased()
    }

    /// Requests `line` for edge events as another program would, and gives it back.
    func requestAndRelease(_ line: Int) throws(SystemCallError) {
        let chip = try GPIOChip(chip)
        let probe = try chip.line(line)
        try probe.requestEdges(consumer: "standkit-hil-probe", activeLow: false)
        probe.release()
    }

    func requestAndReleaseFails(_ line: Int) throws {
        #expect(throws: SystemCallError.self, "line \(line) could be taken while the drawer held it") { try requestAndRelease(line) }
    }

    /// A drawer with a sensor lets go of the line once its sensor thread's wait ends (see above):
    /// the next test starts after that.
    func waitUntilReleased() async {
        _ = await eventually(within: .seconds(2)) { (try? requestAndRelease(sensor)) != nil }
    }

    static func failureDetail(_ state: DeviceState) -> String {
        if case .failed(let error) = state { error.detail ?? "no detail" } else { "not failed" }
    }

    static func drawerEvents(_ events: [DeviceEvent]) -> [DeviceEvent] {
        events.filter {
            switch $0 {
            case .drawerOpened, .drawerClosed, .drawerLeftOpen: true
            default: false
            }
        }
    }
}
