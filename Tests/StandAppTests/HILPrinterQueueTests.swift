import Foundation
import HardwareMocks
import StandApp
import StandCore
@testable import StandDrivers
import StandHardware
import StandStore
import Testing

/// The durable print queue against the kernel's printer gadget, through libusb and through
/// usblp's `/dev/usb/lp0`: paper running out in the middle of a receipt, and the cable coming
/// out in the middle of one. Each receipt comes out whole exactly once in the end, marked COPY
/// when part of it had already been printed.
@Suite(.serialized, .enabled(if: HILRig.hasPrinter, Comment(rawValue: HILRig.runInside)))
struct HILPrinterQueueTests {
    @Test(arguments: HILPrinterTransport.allCases)
    func paperRunningOutMidReceiptHoldsTheJobUntilPaperIsBackThenPrintsItWholeOnceAsACopy(_ transport: HILPrinterTransport) async throws {
        let gadget = try await HILRig.pluggedPrinter()
        let printer = try transport.printer()
        let stand = try await HILPrinterStand(printer: printer)
        gadget.runOutOfPaper(afterBytes: 300)
        await stand.sell()
        #expect(await eventually(10) { stand.sales().count == 1 })
        let sale = try #require(stand.sales().first)

        #expect(await eventually(10) { (try? stand.store.printJobs(ofSale: sale.id).first?.attempts ?? 0) ?? 0 >= 1 },
                "the receipt's first attempt failed")
        #expect(gadget.ranOutAt == 300)
        #expect(try await printer.status().paper == .out, "the driver reads paper out from the printer")
        let held = try #require(try stand.store.printJobs(ofSale: sale.id).first)
        #expect(held.state != .done && held.isCopy, "held as a copy: \(held.state), copy \(held.isCopy)")
        #expect(held.lastError == DeviceError.paperOut.summary || held.lastError?.contains("stopped taking data") == true,
                "\(held.lastError ?? "no error")")
        // Retries while the paper is out print nothing.
        try await Task.sleep(for: .seconds(1))
        #expect(gadget.paper.count == 300)
        #expect(try stand.store.pendingPrintJobs().count == 1)

        try gadget.loadPaper()
        #expect(await eventually(15) { await stand.allPrinted() })
        try await Task.sleep(for: .milliseconds(500))
        let paper = gadget.paper
        let afterReload = try await GadgetPrinter.decode(paper.dropFirst(300))
        #expect(afterReload.receipts.count == 1 && afterReload.pendingReceipt == nil, "the receipt comes out whole exactly once")
        let receipt = try #require(afterReload.receipts.first)
        #expect(receipt.isComplete)
        #expect(receipt.text.contains("COPY"), "part of the original came out, so the repeat is marked")
        #expect(receipt.text.contains("Classic hot dog") && receipt.text.contains("Cola"))
        #expect(receipt.qrPayloads == [sale.id.rawValue])
        #expect(try stand.store.printJobs(ofSale: sale.id).map(\.state) == [.done])
        await stand.stop()
        await gadget.stop()
    }

    @Test(arguments: HILPrinterTransport.allCases)
    func paperOutBeforeTheReceiptStartsPrintsTheOriginalOnceItIsBack(_ transport: HILPrinterTransport) async throws {
        let gadget = try await HILRig.pluggedPrinter()
        let printer = try transport.printer()
        let stand = try await HILPrinterStand(printer: printer)
        try gadget.emptyRoll()
        await stand.sell()
        #expect(await eventually(10) { stand.sales().count == 1 })
        let sale = try #require(stand.sales().first)
        #expect(await eventually(10) { (try? stand.store.printJobs(ofSale: sale.id).first?.attempts ?? 0) ?? 0 >= 1 })
        #expect(gadget.paper.isEmpty && gadget.dropped == 0, "the driver sent no receipt bytes to a printer out of paper")

        try gadget.loadPaper()
        #expect(await eventually(15) { await stand.allPrinted() })
        try await Task.sleep(for: .milliseconds(500))
        let printed = try await GadgetPrinter.decode(gadget.paper)
        #expect(printed.receipts.count == 1)
        let receipt = try #require(printed.receipts.first)
        // StandApp's PrintQueue requeues every job that failed with anything but wrongState as its
        // COPY; the drivers' status check before the job throws .paperOut without sending a byte.
        #expect(!receipt.text.contains("COPY"), "nothing of it was printed before: the original comes out")
        #expect(receipt.qrPayloads == [sale.id.rawValue])
        await stand.stop()
        await gadget.stop()
    }

    @Test(arguments: HILPrinterTransport.allCases)
    func unpluggedMidReceiptTheStandReconnectsWithoutARestartAndPrintsItOnce(_ transport: HILPrinterTransport) async throws {
        let gadget = try await HILRig.pluggedPrinter()
        let printer = try transport.printer()
        let stand = try await HILPrinterStand(printer: printer)
        // The cable comes out 200 bytes into the receipt: the printer takes nothing more.
        gadget.cutOff(afterBytes: 200)
        await stand.sell()
        #expect(await eventually(10) { gadget.paper.count == 200 })
        try await HILRig.unplug(gadget)
        #expect(await eventually(10) { stand.sales().count == 1 })
        let sale = try #require(stand.sales().first)
        let waiting = await eventually(10) {
            await stand.appliance.statusLines().contains("printer: not connected — 1 receipt waiting")
        }
        let lines = await stand.appliance.statusLines()
        #expect(waiting, "\(lines)")
        let held = try #require(try stand.store.printJobs(ofSale: sale.id).first)
        #expect(held.state != .done && held.isCopy)

        let replugged = try await HILRig.replug()
        let printed = await eventually(20) { await stand.allPrinted() }
        let status = await stand.appliance.statusLines()
        #expect(printed, "\(status)")
        try await Task.sleep(for: .milliseconds(500))
        let cutOff = gadget.paper
        #expect(cutOff.count == 200)
        let afterReplug = try await GadgetPrinter.decode(replugged.paper)
        #expect(afterReplug.receipts.count == 1 && afterReplug.pendingReceipt == nil, "the receipt comes out whole exactly once")
        let receipt = try #require(afterReplug.receipts.first)
        #expect(receipt.text.contains("COPY"), "part of the original came out before the unplug")
        #expect(receipt.text.contains("Classic hot dog"))
        #expect(receipt.qrPayloads == [sale.id.rawValue])
        #expect(try stand.store.printJobs(ofSale: sale.id).map(\.state) == [.done])
        await stand.stop()
        await replugged.stop()
    }
}
