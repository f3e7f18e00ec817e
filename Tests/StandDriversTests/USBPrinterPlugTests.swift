import HardwareMocks
import StandHardware
@testable import StandDrivers
import Synchronization
import Testing

@Suite struct USBPrinterPlugTests {
    /// Every event of a device from now on.
    final class EventLog: Sendable {
        private final class Events: Sendable {
            let list = Mutex<[DeviceEvent]>([])
        }

        private let events = Events()
        private let task: Task<Void, Never>

        init(_ device: some Device) {
            let stream = device.events()
            let events = events
            task = Task { for await event in stream { events.list.withLock { $0.append(event) } } }
        }

        deinit { task.cancel() }

        var all: [DeviceEvent] { events.list.withLock { $0 } }

        /// Waits up to five seconds for `event`.
        func waitFor(_ event: DeviceEvent) async -> Bool {
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(30)
            while clock.now < deadline {
                if all.contains(event) { return true }
                try? await Task.sleep(for: .milliseconds(5))
            }
            return all.contains(event)
        }
    }

    @Test func unpluggedMidJobThePrintThrowsDisconnectedAndTheReplugIsAnnounced() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x04B8, 0x0E28)])
        let driver = USBReceiptPrinter(settings: .init(chunkSize: 64, statusTimeout: .milliseconds(200)), bus: bus)
        let log = EventLog(driver)
        try await driver.start()
        bus.change { $0.unplugAfter = 200 }
        let job = NetworkPrinterTests.job()
        let error = try #require(await #expect(throws: DeviceError.self) { try await driver.print(job) })
        #expect(error.code == .disconnected)
        #expect(await driver.state == .disconnected)
        #expect(await log.waitFor(.disconnected))
        #expect(log.all.filter { $0 == .disconnected }.count == 1, "one unplug, one event: \(log.all)")
        #expect(bus.printer().received == Array(job.prefix(200)))

        // The supervisor closes the lost printer and waits; the plug watch keeps listening.
        await driver.close()
        #expect(!log.all.contains(.reconnected))
        bus.plugIn()
        #expect(await log.waitFor(.reconnected))
        try await driver.start()
        #expect(await driver.attached?.device.address == 6, "the printer came back at a new address")
        try await driver.print(job)
        let printer = bus.printer()
        #expect(Array(printer.received.dropFirst(200)) == job, "the whole job after the re-plug")
        let virtual = try await NetworkPrinterTests.enabledVirtualPrinter()
        try await virtual.print(Array(printer.received.dropFirst(200)))
        #expect(virtual.lastReceipt?.isComplete == true)
        #expect(virtual.lastReceipt?.lines.filter { !$0.isEmpty } == NetworkPrinterTests.lines)
        await driver.close()
    }

    @Test func anIOErrorFromAPrinterThatIsGoneIsADisconnectNotAFailure() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x04B8, 0x0E28)])
        let driver = USBReceiptPrinter(settings: .init(readsStatus: false), bus: bus)
        let log = EventLog(driver)
        try await driver.start()
        // The transfer fails with an I/O error as the cable comes out, before the bus reports it.
        bus.change { $0.writeError = .io }
        bus.unplugQuietly()
        let error = try #require(await #expect(throws: DeviceError.self) { try await driver.print(NetworkPrinterTests.job()) })
        #expect(error.code == .disconnected, "\(error)")
        #expect(await driver.state == .disconnected)
        #expect(await log.waitFor(.disconnected))
        await driver.close()
    }

    @Test func anIOErrorFromAPrinterStillThereFailsItForTheSupervisorToRestart() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x04B8, 0x0E28)])
        let driver = USBReceiptPrinter(settings: .init(readsStatus: false), bus: bus)
        try await driver.start()
        bus.change { $0.writeError = .io }
        let error = try #require(await #expect(throws: DeviceError.self) { try await driver.print(NetworkPrinterTests.job()) })
        #expect(error.code == .io)
        #expect(error.detail?.contains("LIBUSB_ERROR_IO") == true)
        #expect(await driver.state == .failed(error))
        #expect(!bus.printer().claimed, "the failed printer's interface is released")
        bus.change { $0.writeError = nil }
        try await driver.start()
        try await driver.print(NetworkPrinterTests.job())
        #expect(bus.printer().received == NetworkPrinterTests.job())
        await driver.close()
    }

    @Test func anUnplugWhileIdleIsSeenByThePlugWatch() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x0416, 0x5011)])
        let driver = USBReceiptPrinter(settings: .init(), bus: bus)
        let log = EventLog(driver)
        try await driver.start()
        bus.unplug()
        #expect(await log.waitFor(.stateChanged(.disconnected)))
        #expect(await driver.state == .disconnected)
        let refused = try #require(await #expect(throws: DeviceError.self) { try await driver.print([0x1B, 0x40]) })
        #expect(refused.code == .wrongState)
        bus.plugIn()
        #expect(await log.waitFor(.reconnected))
        try await driver.start()
        #expect(await driver.state == .enabled)
        await driver.close()
    }

    @Test func aPrinterPluggedInAfterAFailedOpenIsAnnounced() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x1FC9, 0x2016)])
        bus.unplug()
        let driver = USBReceiptPrinter(settings: .init(), bus: bus)
        let log = EventLog(driver)
        let missing = try #require(await #expect(throws: DeviceError.self) { try await driver.open() })
        #expect(missing.code == .notFound)
        await driver.close()
        bus.plugIn()
        #expect(await log.waitFor(.reconnected))
        try await driver.start()
        #expect(await driver.attached?.modelName == "generic ESC/POS printer (NXP chip)")
        await driver.close()
    }

    @Test func closingAPrinterThatIsThereStopsThePlugWatch() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x0416, 0x5011)])
        let driver = USBReceiptPrinter(settings: .init(), bus: bus)
        try await driver.start()
        #expect(bus.watcherCount == 1)
        await driver.close()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while bus.watcherCount > 0, clock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(bus.watcherCount == 0)
    }
}
