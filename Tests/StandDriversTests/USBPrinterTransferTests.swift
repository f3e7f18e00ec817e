import HardwareMocks
import StandCore
import StandHardware
@testable import StandDrivers
import Testing

@Suite struct USBPrinterTransferTests {
    static func driver(_ bus: USBFakeBus, chunkSize: Int = 4096, writeTimeout: Duration = .seconds(2),
                       statusTimeout: Duration = .milliseconds(200)) -> USBReceiptPrinter {
        USBReceiptPrinter(settings: .init(paperWidth: .mm80, chunkSize: chunkSize, writeTimeout: writeTimeout,
                                          statusTimeout: statusTimeout), bus: bus)
    }

    @Test func aReceiptWrittenInChunksReachesThePrinterWholeAndInOrder() async throws {
        let receipt = try NetworkPrinterReceiptTests.receipt()
        let layout = ReceiptLayout(width: .mm80)
        let job = try layout.encode(receipt)
        let bus = USBFakeBus([USBFakeBus.device(0x04B8, 0x0E28)])
        let driver = Self.driver(bus, chunkSize: 256)
        try await driver.start()
        try await driver.print(job)

        let printer = bus.printer()
        #expect(printer.received == job)
        #expect(printer.transferSizes.allSatisfy { $0 <= 256 })
        #expect(printer.transferSizes.count == (job.count + 255) / 256)
        let virtual = try await NetworkPrinterTests.enabledVirtualPrinter()
        try await virtual.print(printer.received)
        let printed = try #require(virtual.lastReceipt)
        #expect(printed.isComplete)
        #expect(printed.qrPayloads == [receipt.sale.id.rawValue])
        #expect(printed.lines.filter { !$0.isEmpty } == layout.plainText(receipt).filter { !$0.isEmpty && $0 != "[QR]" })
        await driver.close()
    }

    @Test func aPrinterThatStopsTakingDataTimesOutAndStaysOpen() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x0416, 0x5011)])
        bus.change { $0.stallAfter = 100 }
        let driver = Self.driver(bus, chunkSize: 64, writeTimeout: .milliseconds(300))
        try await driver.start()
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(await #expect(throws: DeviceError.self) { try await driver.print(NetworkPrinterTests.job()) })
        let elapsed = clock.now - started
        #expect(error.code == .timeout)
        #expect(error.summary == "The printer stopped taking data: check paper and cover.")
        #expect(error.detail?.contains("took 100 of") == true)
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(30), "waited \(elapsed)")
        #expect(bus.printer().received == Array(NetworkPrinterTests.job().prefix(100)))
        #expect(await driver.state == .enabled, "a slow printer is not a lost one")
        await driver.close()
    }

    @Test func statusReadbackReportsPaperOutAndCoverOpenAndRefusesJobs() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x04B8, 0x0E28)])
        let driver = Self.driver(bus)
        try await driver.start()
        #expect(try await driver.status() == PrinterStatus(online: true, paper: .ok, drawerSensorHigh: false))

        bus.change { $0.paperOut = true }
        let paperOut = try await driver.status()
        #expect(paperOut.paper == .out && !paperOut.online)
        let refused = try #require(await #expect(throws: DeviceError.self) { try await driver.print(NetworkPrinterTests.job()) })
        #expect(refused == DeviceError.paperOut.beforeStarting(), "refused before a byte was sent")

        bus.change {
            $0.paperOut = false
            $0.coverOpen = true
        }
        let coverOpen = try await driver.status()
        #expect(coverOpen.coverOpen && coverOpen.paper == .ok)
        let closedCover = try #require(await #expect(throws: DeviceError.self) { try await driver.print(NetworkPrinterTests.job()) })
        #expect(closedCover == DeviceError.coverOpen.beforeStarting())
        #expect(bus.printer().received.isEmpty, "nothing is sent to a printer that cannot print")

        bus.change { $0.coverOpen = false }
        try await driver.print(NetworkPrinterTests.job())
        #expect(bus.printer().received == NetworkPrinterTests.job())
        await driver.close()
    }

    @Test func aPrinterThatIgnoresDLEEOTIsReadThroughItsPortStatus() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x0483, 0x5743)])
        bus.change { $0.answersStatusRequests = false }
        let driver = Self.driver(bus, statusTimeout: .milliseconds(50))
        try await driver.start()
        #expect(try await driver.status() == PrinterStatus(online: true, paper: .ok))
        bus.change { $0.paperOut = true }
        #expect(try await driver.status().paper == .out)
        let refused = try #require(await #expect(throws: DeviceError.self) { try await driver.print(NetworkPrinterTests.job()) })
        #expect(refused == DeviceError.paperOut.beforeStarting(), "refused before a byte was sent")
        await driver.close()
    }

    @Test func portStatusBitsReadAsThePrinterClassDefinesThem() {
        #expect(USBReceiptPrinter.status(portStatus: 0x18) == PrinterStatus(online: true, paper: .ok))
        #expect(USBReceiptPrinter.status(portStatus: 0x38) == PrinterStatus(online: true, paper: .out))
        #expect(USBReceiptPrinter.status(portStatus: 0x10).online == false, "the error line is set")
        #expect(USBReceiptPrinter.status(portStatus: 0x08).online == false, "not selected")
    }

    @Test func withStatusReadbackOffJobsGoOutWithoutAsking() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x04B8, 0x0E28, bulkIn: nil)])
        bus.change { $0.paperOut = true }
        let driver = USBReceiptPrinter(settings: .init(readsStatus: false), bus: bus)
        try await driver.start()
        try await driver.print(NetworkPrinterTests.job())
        #expect(bus.printer().received == NetworkPrinterTests.job())
        let unsupported = try #require(await #expect(throws: DeviceError.self) { try await driver.status() })
        #expect(unsupported.code == .unsupported)
        await driver.close()
    }
}
