import HardwareMocks
import StandHardware
import Testing

@Suite struct PrinterPortCashDrawerTests {
    static func enabled(_ device: some Device) async throws {
        try await device.open()
        try await device.claim()
        try await device.enable()
    }

    @Test func openingSendsTheKickThroughThePrinter() async throws {
        let printer = VirtualReceiptPrinter(paperWidth: .mm58)
        let solenoid = VirtualCashDrawer()
        printer.connect(drawer: solenoid)
        let drawer = try PrinterPortCashDrawer(printer: printer, pulseMilliseconds: 120)
        try await Self.enabled(printer)
        try await Self.enabled(drawer)
        try await drawer.openDrawer()
        #expect(printer.drawerKicks == 1)
        #expect(solenoid.pulses.map(\.milliseconds) == [120])
        #expect(printer.receipts.isEmpty)
        #expect(await drawer.isOpen == nil)
    }

    @Test func aPrinterOutOfPaperSaysToUseTheKey() async throws {
        let printer = VirtualReceiptPrinter(paperWidth: .mm58)
        let drawer = try PrinterPortCashDrawer(printer: printer)
        try await Self.enabled(printer)
        try await Self.enabled(drawer)
        printer.runOutOfPaper()
        do {
            try await drawer.openDrawer()
            Issue.record("the drawer opened through a printer out of paper")
        } catch {
            #expect(error.code == .paperOut)
            #expect(error.summary.hasPrefix("The drawer opens through the printer, which cannot take it now"))
            #expect(error.action.hasPrefix("Open the drawer with its key"))
        }
        #expect(printer.drawerKicks == 0)
    }

    @Test func itMustBeEnabledAndThePulseInRange() async throws {
        let printer = VirtualReceiptPrinter(paperWidth: .mm58)
        let drawer = try PrinterPortCashDrawer(printer: printer)
        await #expect(throws: DeviceError.self) { try await drawer.openDrawer() }
        #expect(throws: EscPosError.self) { try PrinterPortCashDrawer(printer: printer, pulseMilliseconds: 600) }
    }
}
