import Testing
import StandHardware

@Suite struct DrawerSensorMonitorTests {
    @Test func openCloseAndLeftOpenOncePerOpening() {
        var monitor = DrawerSensorMonitor(leftOpenAfter: 30)
        #expect(monitor.sensor(open: false, at: 0).isEmpty)          // the reading at start is a state
        #expect(monitor.isOpen == false)
        #expect(monitor.sensor(open: true, at: 10) == [.drawerOpened])
        #expect(monitor.sensor(open: true, at: 11).isEmpty)          // a bounce, not a new opening
        #expect(monitor.tick(at: 39).isEmpty)
        #expect(monitor.tick(at: 40) == [.drawerLeftOpen(seconds: 30)])
        #expect(monitor.tick(at: 90).isEmpty)                         // once per opening
        #expect(monitor.sensor(open: false, at: 95) == [.drawerClosed])
        #expect(monitor.tick(at: 200).isEmpty)
        #expect(monitor.sensor(open: true, at: 300) == [.drawerOpened])
        #expect(monitor.tick(at: 331) == [.drawerLeftOpen(seconds: 31)])
    }

    @Test func aDrawerFoundOpenAtStartIsReported() {
        var monitor = DrawerSensorMonitor(leftOpenAfter: 5)
        #expect(monitor.sensor(open: true, at: 0) == [.drawerOpened])
        #expect(monitor.tick(at: 5) == [.drawerLeftOpen(seconds: 5)])
    }
}
