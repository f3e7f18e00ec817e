import HardwareMocks
import StandHardware
@testable import StandDrivers
import Testing

@Suite(.serialized) struct NetworkPrinterTests {
    static let lines = (1...60).map { "Line \($0): Classic hot dog 4.00 A" }

    static func job(_ lines: [String] = lines) -> [UInt8] {
        var encoder = EscPosEncoder()
        encoder.initialize()
        for line in lines { encoder.line(line) }
        encoder.cut(.partial, feed: 3)
        return encoder.bytes
    }

    static func enabledVirtualPrinter() async throws -> VirtualReceiptPrinter {
        let printer = VirtualReceiptPrinter()
        try await printer.open()
        try await printer.claim()
        try await printer.enable()
        return printer
    }

    /// Generous timeouts: on a loaded 2-core machine the virtual printer may take seconds to answer.
    static func driver(port: Int) -> NetworkReceiptPrinter {
        NetworkReceiptPrinter(settings: .init(host: "127.0.0.1", port: port, connectTimeout: .seconds(10), writeTimeout: .seconds(10),
                                              statusTimeout: .seconds(10)))
    }

    static func start(_ driver: NetworkReceiptPrinter) async throws {
        try await driver.open()
        try await driver.claim()
        try await driver.enable()
    }

    @Test func printsAJobThatComesOutOfTheVirtualPrinter() async throws {
        let printer = try await Self.enabledVirtualPrinter()
        let server = try VirtualPrinterServer(printer: printer)
        let driver = Self.driver(port: server.port)
        try await Self.start(driver)
        try await driver.print(Self.job())
        let receipt = try #require(printer.lastReceipt)
        #expect(receipt.isComplete)
        #expect(receipt.lines.filter { !$0.isEmpty } == Self.lines)
        #expect(await driver.state == .enabled)
        await driver.close()
        await server.stop()
    }

    @Test func readsPaperLowAndRefusesJobsWithoutPaperOrWithTheCoverOpen() async throws {
        let printer = try await Self.enabledVirtualPrinter()
        let server = try VirtualPrinterServer(printer: printer)
        let driver = Self.driver(port: server.port)
        try await Self.start(driver)
        let fine = try await driver.status()
        #expect(fine.online && fine.paper == .ok && !fine.coverOpen)
        printer.setPaperLow()
        #expect(try await driver.status().paper == .low)
        printer.runOutOfPaper()
        let out = try await driver.status()
        #expect(out.paper == .out)
        #expect(!out.online)
        await #expect(throws: DeviceError.paperOut.beforeStarting()) { try await driver.print(Self.job()) }
        printer.loadPaper()
        printer.openCover()
        await #expect(throws: DeviceError.coverOpen.beforeStarting()) { try await driver.print(Self.job()) }
        #expect(try await driver.status().coverOpen)
        #expect(printer.receipts.isEmpty)
        printer.closeCover()
        try await driver.print(Self.job(["after the cover"]))
        #expect(printer.lastReceipt?.lines.first == "after the cover")
        await server.stop()
    }

    @Test func aConnectionDroppedMidJobDisconnectsAndReopeningPrintsTheJobWhole() async throws {
        let printer = try await Self.enabledVirtualPrinter()
        let server = try VirtualPrinterServer(printer: printer)
        let driver = Self.driver(port: server.port)
        try await Self.start(driver)
        let events = driver.events()
        server.dropConnection(afterBytes: 12 + 700)
        let failure = await #expect(throws: DeviceError.self) { try await driver.print(Self.job()) }
        #expect(failure?.code == .disconnected)
        #expect(failure?.detail?.contains("127.0.0.1:\(server.port)") == true)
        #expect(await driver.state == .disconnected)
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .disconnected)
        #expect(printer.receipts.isEmpty)

        try await Self.start(driver)
        try await driver.print(Self.job())
        #expect(server.connectionsAccepted == 2)
        let receipt = try #require(printer.lastReceipt)
        #expect(Array(receipt.lines.filter { !$0.isEmpty }.suffix(Self.lines.count)) == Self.lines)
        await driver.close()
        await driver.close()
        #expect(await driver.state == .closed)
        await server.stop()
    }

    @Test func aPrinterThatIsNotThereIsNotFound() async throws {
        let printer = try await Self.enabledVirtualPrinter()
        let server = try VirtualPrinterServer(printer: printer)
        let port = server.port
        await server.stop()
        let driver = Self.driver(port: port)
        let failure = await #expect(throws: DeviceError.self) { try await driver.open() }
        #expect(failure?.code == .notFound)
        #expect(failure?.detail?.contains("connect") == true)
        #expect(await driver.state == .closed)
        await #expect(throws: DeviceError.self) { try await Self.driver(port: 0).open() }
    }
}
