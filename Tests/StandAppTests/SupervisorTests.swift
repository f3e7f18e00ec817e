import StandApp
import StandHardware
import Testing

@Suite("DeviceSupervisor")
struct SupervisorTests {
    @Test func backoffDoublesUpToTheCap() {
        let backoff = ReconnectBackoff(initial: .milliseconds(500), maximum: .seconds(30))
        #expect((1...9).map { backoff.delay(afterFailures: $0) } == [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30), .seconds(30),
        ])
        #expect(backoff.delay(afterFailures: 0) == .milliseconds(500))
    }

    @Test func missingDevicesAreReportedNotFatal() async throws {
        let keypad = FlakyDevice()
        let supervisor = DeviceSupervisor(devices: DeviceSet(keypad: keypad), backoff: ReconnectBackoff(initial: .milliseconds(5)), logger: ApplianceHarness.quiet)
        let run = Task { await supervisor.run() }
        defer { run.cancel() }
        #expect(await eventually { await supervisor.status(of: .keypad).condition == .ready })
        #expect(await supervisor.status(of: .keypad).state == .enabled)
        let printer = await supervisor.status(of: .receiptPrinter)
        #expect(printer.condition == .notConfigured)
        #expect(printer.state == nil)
        #expect(printer.description == "printer: not configured")
        #expect(await supervisor.snapshot().count == DeviceKind.allCases.count)
    }

    @Test func failedStartsAreRetriedWithBackoffUntilTheDeviceWorks() async throws {
        let keypad = FlakyDevice(failStarts: 3)
        let supervisor = DeviceSupervisor(devices: DeviceSet(keypad: keypad), backoff: ReconnectBackoff(initial: .milliseconds(5), maximum: .milliseconds(20)), logger: ApplianceHarness.quiet)
        let run = Task { await supervisor.run() }
        defer { run.cancel() }
        #expect(await eventually { await supervisor.status(of: .keypad).condition == .ready })
        #expect(keypad.opens == 4)
        #expect(keypad.starts == 1)
        #expect(await supervisor.status(of: .keypad).failures == 0)
    }

    @Test func statusCountsFailuresAndSaysWhatIsWrong() async throws {
        let keypad = FlakyDevice(plugged: false)
        let supervisor = DeviceSupervisor(devices: DeviceSet(keypad: keypad), backoff: ReconnectBackoff(initial: .seconds(60)), logger: ApplianceHarness.quiet)
        let run = Task { await supervisor.run() }
        defer { run.cancel() }
        #expect(await eventually { await supervisor.status(of: .keypad).failures == 1 })
        let status = await supervisor.status(of: .keypad)
        #expect(status.condition == .unavailable("not connected"))
        #expect(status.description == "keypad: not connected")
        #expect(status.error?.code == .notFound)
    }

    @Test func anUnpluggedDeviceIsRestartedWhenItComesBack() async throws {
        let keypad = FlakyDevice()
        let supervisor = DeviceSupervisor(devices: DeviceSet(keypad: keypad), backoff: ReconnectBackoff(initial: .seconds(60)), logger: ApplianceHarness.quiet)
        let run = Task { await supervisor.run() }
        defer { run.cancel() }
        #expect(await eventually { await supervisor.status(of: .keypad).condition == .ready })
        keypad.unplug()
        #expect(await eventually { await supervisor.status(of: .keypad).condition == .unavailable("not connected") })
        // The backoff is a minute: the device's own "reconnected" wakes the supervisor early.
        keypad.replug()
        #expect(await eventually { await supervisor.status(of: .keypad).condition == .ready })
        #expect(keypad.starts == 2)
    }

    @Test func reconnectNowSkipsTheBackoff() async throws {
        let keypad = FlakyDevice(plugged: false)
        let supervisor = DeviceSupervisor(devices: DeviceSet(keypad: keypad), backoff: ReconnectBackoff(initial: .seconds(60)), logger: ApplianceHarness.quiet)
        let run = Task { await supervisor.run() }
        defer { run.cancel() }
        #expect(await eventually { await supervisor.status(of: .keypad).failures == 1 })
        keypad.replugSilently()
        await supervisor.reconnectNow(.keypad)
        #expect(await eventually { await supervisor.status(of: .keypad).condition == .ready })
    }

    @Test func eventsOfEveryDeviceArriveTaggedWithTheirKind() async throws {
        let keypad = FlakyDevice()
        let supervisor = DeviceSupervisor(devices: DeviceSet(keypad: keypad), backoff: ReconnectBackoff(initial: .milliseconds(5)), logger: ApplianceHarness.quiet)
        let run = Task { await supervisor.run() }
        defer { run.cancel() }
        #expect(await eventually { await supervisor.status(of: .keypad).condition == .ready })
        keypad.press(.digit(7))
        var iterator = supervisor.events.makeAsyncIterator()
        var received: SupervisorEvent?
        while let event = await iterator.next() {
            if case .device(_, .keyPressed) = event { received = event; break }
        }
        #expect(received == .device(.keypad, .keyPressed(KeyEvent(.digit(7)))))
    }

    @Test func cancellingRunClosesTheDevicesAndEndsTheEvents() async throws {
        let keypad = FlakyDevice()
        let supervisor = DeviceSupervisor(devices: DeviceSet(keypad: keypad), backoff: ReconnectBackoff(initial: .milliseconds(5)), logger: ApplianceHarness.quiet)
        let run = Task { await supervisor.run() }
        #expect(await eventually { await supervisor.status(of: .keypad).condition == .ready })
        run.cancel()
        await run.value
        #expect(keypad.state == .closed)
        var count = 0
        for await _ in supervisor.events { count += 1 }
        #expect(count > 0)
    }
}
