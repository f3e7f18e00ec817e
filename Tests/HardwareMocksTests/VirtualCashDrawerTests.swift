import Foundation
import HardwareMocks
import StandHardware
import Testing

@Suite struct VirtualCashDrawerTests {
    @Test func pulseOpensAndOperatorShutsIt() async throws {
        let stamp = Date(timeIntervalSince1970: 1_800_000_000)
        let drawer = VirtualCashDrawer(now: { stamp })
        try await drawer.start()
        let recorder = EventRecorder(drawer)
        #expect(await drawer.isOpen == false)
        try await drawer.openDrawer()
        #expect(await drawer.isOpen == true)
        #expect(drawer.pulses == [DrawerPulse(time: stamp, source: .direct, milliseconds: 100, opened: true)])
        drawer.shut()
        #expect(await drawer.isOpen == false)
        let events = await recorder.wait(for: .drawerClosed)
        #expect(events == [.drawerOpened, .drawerClosed])
    }

    @Test func jammedDrawerThrowsAndRecordsThePulse() async throws {
        let drawer = VirtualCashDrawer()
        try await drawer.start()
        drawer.jam()
        await #expect(throws: DeviceError.jammed(.cashDrawer, detail: "the sensor still shows closed after the pulse")) {
            try await drawer.openDrawer()
        }
        #expect(drawer.pulses.map(\.opened) == [false])
        #expect(await drawer.isOpen == false)
        drawer.unjam()
        try await drawer.openDrawer()
        #expect(drawer.pulses.map(\.opened) == [false, true])
    }

    @Test func withoutSensorIsOpenIsUnknown() async throws {
        let drawer = VirtualCashDrawer(hasSensor: false)
        try await drawer.start()
        try await drawer.openDrawer()
        #expect(await drawer.isOpen == nil)
        #expect(!drawer.capabilities.hasDrawerSensor)
    }

    @Test func needsToBeEnabledAndPlugged() async throws {
        let drawer = VirtualCashDrawer()
        await #expect(throws: DeviceError.wrongState(.closed, "open the drawer")) { try await drawer.openDrawer() }
        try await drawer.start()
        drawer.unplug()
        await #expect(throws: DeviceError.disconnected(.cashDrawer, detail: "unplugged by the test")) { try await drawer.openDrawer() }
        #expect(drawer.pulses.isEmpty)
    }

    @Test func lifecycleStepsAreEventsAndFollowTheRules() async throws {
        let drawer = VirtualCashDrawer()
        let recorder = EventRecorder(drawer)
        await #expect(throws: DeviceError.wrongState(.closed, "enable")) { try await drawer.enable() }
        try await drawer.start()
        await drawer.close()
        #expect(drawer.state == .closed)
        let events = await recorder.wait(for: .stateChanged(.closed))
        #expect(events == [.stateChanged(.opened), .stateChanged(.claimed), .stateChanged(.enabled), .stateChanged(.closed)])
    }
}
