#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks
import StandApp
import StandCore
@testable import StandDrivers
import StandHardware
import Testing

/// StandDrivers' printers against the kernel's printer gadget (an Epson TM-T20II by its ids in
/// scripts/hil/devices.conf): found on the bus, a sale's receipt printed and read back on the
/// gadget side through HardwareMocks' ESC/POS interpreter, and a printer out of paper that
/// never hangs a write.
@Suite(.serialized, .enabled(if: HILRig.hasPrinter, Comment(rawValue: HILRig.runInside)))
struct HILPrinterReceiptTests {
    /// A classic hot dog and a cola, paid with 10 € cash, laid out as the stand lays out receipts.
    static func receipt() throws -> (sale: Sale, bytes: [UInt8]) {
        let demo = try DemoStand()
        let priced = try demo.pricer.price(Cart([CartItem("hotdog"), CartItem("cola")]), context: PricingContext(date: ApplianceHarness.start))
        let sale = try Sale.make(standID: "hil-stand-01", operatorID: "anna", createdAt: ApplianceHarness.start, cart: priced,
                                 tenders: [.cash(given: Money(cents: 1000, .eur))])
        let format = ReceiptFormat(header: .init(standName: "HIL Hot Dogs", addressLines: ["Alexanderplatz"]), paperWidth: .mm58,
                                   timeZone: TimeZone(identifier: "Europe/Berlin")!)
        return (sale, try format.bytes(for: sale, copy: false, journalSequence: 7, operatorName: "Anna"))
    }

    static func expectMatches(_ receipt: PrintedReceipt, _ sale: Sale, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(receipt.isComplete, sourceLocation: sourceLocation)
        #expect(!receipt.text.contains("COPY"), sourceLocation: sourceLocation)
        for line in sale.cart.lines {
            #expect(receipt.text.contains(line.name), "\(line.name) on \(receipt.text)", sourceLocation: sourceLocation)
        }
        #expect(receipt.text.contains(sale.total.formattedAmount) && receipt.text.contains(sale.change.formattedAmount),
                "total \(sale.total.formattedAmount), change \(sale.change.formattedAmount) on \(receipt.text)", sourceLocation: sourceLocation)
        #expect(receipt.qrPayloads == [sale.id.rawValue], sourceLocation: sourceLocation)
    }

    @Test func foundByPrinterClassAndByTheConfiguredEpsonIdsPrintsASaleReceiptThatReadsBack() async throws {
        let devices = try HILRig.environment.devices()
        let vendor = try devices.usbID("PRINTER_VENDOR_ID"), product = try devices.usbID("PRINTER_PRODUCT_ID")
        let gadget = try await HILRig.pluggedPrinter()
        let (sale, bytes) = try Self.receipt()

        let byClass = USBReceiptPrinter(settings: .init(paperWidth: .mm58, chunkSize: 512, statusTimeout: .seconds(1)))
        #expect(byClass.identity.model == "USB ESC/POS printer (the first one found)")
        try await byClass.start()
        let found = try #require(await byClass.attached)
        #expect(found.device.vendorID == vendor && found.device.productID == product)
        #expect(found.interface.interfaceClass == 7 && found.interface.interfaceSubclass == 1 && found.interface.interfaceProtocol == 2)
        #expect(await eventually(10) { access(HILRig.usblp, F_OK) != 0 }, "usblp detached while the stand holds the printer")
        #expect(try await byClass.status() == PrinterStatus(online: true, paper: .ok, drawerSensorHigh: false))
        try await byClass.print(bytes)
        await byClass.close()
        #expect(await eventually(10) { access(HILRig.usblp, F_OK) == 0 }, "usblp has the printer back")

        let byID = USBReceiptPrinter(settings: .init(vendorID: vendor, productID: product, paperWidth: .mm58, chunkSize: 512,
                                                     statusTimeout: .seconds(1)))
        let model = try devices.string("PRINTER_PRODUCT")
        #expect(byID.identity.model == "Epson \(model)", "the id table names the configured printer")
        try await byID.start()
        #expect(await byID.attached?.device.productID == product)
        try await byID.print(bytes)
        await byID.close()

        #expect(await eventually(10) { gadget.paper.count == 2 * bytes.count }, "\(gadget.paper.count) of \(2 * bytes.count) bytes")
        let printed = try await GadgetPrinter.decode(gadget.paper)
        #expect(printed.receipts.count == 2)
        for receipt in printed.receipts { Self.expectMatches(receipt, sale) }
        await gadget.stop()
    }

    @Test func usblpPrintsASaleReceiptAndReadsStatusWithAndWithoutDLEEOTAnswers() async throws {
        let gadget = try await HILRig.pluggedPrinter()
        let (sale, bytes) = try Self.receipt()
        let printer = try HILPrinterTransport.usblp.printer()
        try await printer.start()
        #expect(try await printer.status() == PrinterStatus(online: true, paper: .ok, drawerSensorHigh: false))
        try await printer.print(bytes)
        #expect(await eventually(10) { gadget.paper.count == bytes.count })
        let printed = try await GadgetPrinter.decode(gadget.paper)
        #expect(printed.receipts.count == 1)
        if let receipt = printed.receipts.first { Self.expectMatches(receipt, sale) }

        try gadget.emptyRoll()
        #expect(try await printer.status().paper == .out)
        let refused = try #require(await #expect(throws: DeviceError.self) { try await printer.print(bytes) })
        #expect(refused == DeviceError.paperOut.beforeStarting(), "refused before a byte was sent")
        try gadget.loadPaper()
        await printer.close()
        await gadget.stop()

        // A printer that never answers DLE EOT on usblp: LPGETSTATUS (GET_PORT_STATUS) tells.
        let silent = try await HILRig.pluggedPrinter(answersStatusRequests: false)
        try await printer.start()
        #expect(try await printer.status().paper == .ok)
        try silent.setPortStatus(GadgetPrinter.paperEmpty)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try await printer.status().paper == .out)
        #expect(clock.now - started < .milliseconds(500), "once the printer did not answer DLE EOT it is not asked again")
        try silent.setPortStatus(GadgetPrinter.ready)
        try await printer.print(bytes)
        #expect(await eventually(10) { silent.paper.count == bytes.count })
        await printer.close()
        await silent.stop()
    }

    /// A printer that stops taking data (its buffer full, out of paper) with status readback off:
    /// the write fails after its timeout instead of blocking the stand, and the file closes.
    @Test(arguments: HILPrinterTransport.allCases)
    func aWriteToAPrinterThatStopsTakingDataFailsInTimeInsteadOfBlocking(_ transport: HILPrinterTransport) async throws {
        let gadget = try await HILRig.pluggedPrinter()
        try gadget.emptyRoll()
        gadget.takesData = false
        let printer = try transport.printer(readsStatus: false, writeTimeout: .seconds(1))
        try await printer.start()
        let job = Array(repeating: UInt8(ascii: "x"), count: 512 * 1024)
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(await #expect(throws: DeviceError.self) { try await printer.print(job) })
        let took = clock.now - started
        #expect(error.code == .timeout, "\(error)")
        #expect(error.summary == "The printer stopped taking data: check paper and cover.")
        #expect(took < .seconds(6), "the write gave up after \(took)")
        let closing = clock.now
        await printer.close()
        #expect(clock.now - closing < .seconds(2), "closing with a write pending took \(clock.now - closing)")
        gadget.takesData = true
        try gadget.loadPaper()
        await gadget.stop()
    }
}
