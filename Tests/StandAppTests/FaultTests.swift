import Foundation
import HardwareMocks
import StandApp
import StandCore
import StandHardware
import StandStore
import Testing

@Suite("Appliance faults")
struct FaultTests {
    @Test func paperOutMidReceiptPrintsItWholeOnceMarkedCopyWhenPaperIsBack() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        stand.printer.runOutOfPaper(afterBytes: 60)
        await stand.login()
        await stand.press(.product(1), .product(6), .cash, .enter)
        #expect(await eventually { (try? stand.sales().count) == 1 })
        let sale = try #require(try stand.sales().first)
        // The paper ran out part-way: a partial receipt, the job waiting.
        #expect(await eventually { await stand.appliance.statusLines().contains { $0.contains("out of paper") && $0.contains("1 receipt waiting") } })
        #expect(stand.printer.receipts.count == 1)
        #expect(stand.printer.receipts.first?.isComplete == false)
        #expect(try stand.store.pendingPrintJobs().count == 1)
        stand.printer.loadPaper()
        #expect(await stand.printed())
        let complete = stand.printer.receipts.filter(\.isComplete)
        #expect(complete.count == 1, "the receipt comes out whole exactly once")
        #expect(complete.first?.text.contains("Classic hot dog") == true)
        #expect(complete.first?.text.contains("COPY") == true, "part of the original came out, so the repeat is marked")
        #expect(try stand.sales().count == 1)
        let jobs = try stand.store.printJobs(ofSale: sale.id)
        #expect(jobs.count == 1 && jobs[0].state == .done && jobs[0].attempts >= 1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(stand.printer.receipts.filter(\.isComplete).count == 1)
    }

    @Test func printerUnpluggedDuringASaleCompletesTheSaleAndPrintsAfterReplug() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.product(3))
        stand.printer.unplug()
        #expect(await eventually { await stand.appliance.supervisor.status(of: .receiptPrinter).condition == .unavailable("not connected") })
        await stand.press(.cash, .enter)
        #expect(try stand.sales().count == 1, "the sale is stored without a printer")
        #expect(await stand.appliance.terminalState.isSaleDone)
        #expect(stand.printer.receipts.isEmpty)
        #expect(try stand.store.pendingPrintJobs().count == 1)
        #expect(await eventually { await stand.appliance.statusLines().contains("printer: not connected — 1 receipt waiting") })
        stand.printer.plugIn()
        #expect(await stand.printed())
        #expect(stand.printer.receipts.count == 1)
        #expect(stand.printer.receipts.first?.text.contains("Veggie dog") == true)
        #expect(stand.printer.receipts.first?.text.contains("COPY") == false, "nothing had come out: the original prints")
    }

    @Test func aStandWithoutPrinterSellsAndKeepsTheReceipts() async throws {
        let stand = try await ApplianceHarness(withPrinter: false)
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.product(1), .cash, .enter)
        #expect(try stand.sales().count == 1)
        #expect(try stand.store.pendingPrintJobs().count == 1)
        #expect(await stand.appliance.supervisor.status(of: .receiptPrinter).condition == .notConfigured)
    }

    @Test func withoutACardTerminalTheCardKeySaysSoAndCashStillWorks() async throws {
        let stand = try await ApplianceHarness(withCardTerminal: false)
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.product(1), .card)
        #expect(stand.display.text.contains("No card"), "display:\n\(stand.display.text)")
        #expect(try stand.sales().isEmpty)
        await stand.press(.cash, .enter)
        #expect(try stand.sales().count == 1)
    }

    @Test func anUnpluggedCardTerminalIsReportedAndComesBack() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        await stand.login()
        stand.cardTerminal.unplug()
        #expect(await eventually { await stand.appliance.deviceConditions[.paymentTerminal] == .unavailable("Card terminal not connected") })
        await stand.press(.product(1), .card)
        #expect(stand.cardTerminal.requests.isEmpty)
        #expect(stand.display.text.contains("Card"))
        stand.cardTerminal.plugIn()
        #expect(await eventually { await stand.appliance.deviceConditions[.paymentTerminal] == .ready })
        await stand.press(.card)
        #expect(await eventually { (try? stand.sales().count) == 1 })
        #expect(stand.cardTerminal.chargeCount == 1)
    }

    @Test func aReceiptCutOffByACrashPrintsOnceAsACopyAfterTheRestart() async throws {
        let first = try await ApplianceHarness()
        first.printer.unplug()
        #expect(await eventually { await first.appliance.deviceConditions[.receiptPrinter] != .ready })
        await first.login()
        await first.press(.product(4), .cash, .enter)
        await first.stop()
        // The power went while the job was going to the printer.
        let job = try #require(try first.store.pendingPrintJobs().first)
        try first.store.markPrintJobPrinting(job.id)
        let second = try await ApplianceHarness(directory: first.directory)
        defer { Task { await second.stop() } }
        #expect(await second.printed())
        #expect(second.printer.receipts.count == 1)
        #expect(second.printer.receipts.first?.text.contains("Gluten-free dog") == true)
        #expect(second.printer.receipts.first?.text.contains("COPY") == true)
        #expect(try second.store.printJob(id: job.id)?.state == .done)
    }

    @Test func aSlowPrinterDoesNotHoldUpTheNextSale() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        // About 1.6 s a receipt.
        stand.printer.setSlow(delayPerChunk: .milliseconds(100), chunkSize: 64)
        await stand.login()
        await stand.press(.product(1), .cash, .enter)
        await stand.press(.product(6), .cash, .enter)
        #expect(try stand.sales().count == 2)
        #expect(stand.printer.receipts.count < 2, "the second sale is stored while the receipts are still printing")
        #expect(await eventually { stand.printer.receipts.count == 2 })
        let sales = try stand.sales()
        #expect(stand.printer.receipts.map(\.qrPayloads) == sales.map { [$0.id.rawValue] }, "printed in order")
    }

    @Test func aJammedDrawerStillCommitsTheSaleAndShowsTheFault() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        stand.drawer.jam()
        await stand.login()
        await stand.press(.product(1), .cash, .enter)
        #expect(try stand.sales().count == 1)
        #expect(stand.drawer.pulses.count == 1 && stand.drawer.pulses[0].opened == false)
        #expect(await stand.appliance.lastFault?.contains("jammed") == true)
        #expect(stand.display.text.lowercased().contains("drawer"))
        #expect(await stand.printed())
        #expect(stand.printer.receipts.count == 1)
    }

    @Test func aCardTerminalThatTimesOutLeavesTheCartForCash() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        stand.cardTerminal.enqueue(.timeout(after: .milliseconds(20)))
        await stand.login()
        await stand.press(.product(8), .card)
        #expect(await eventually { await stand.appliance.terminalState == .ringing })
        #expect(try stand.sales().isEmpty)
        await stand.press(.cash, .enter)
        #expect(try stand.sales().count == 1)
        #expect(stand.cardTerminal.chargeCount == 0)
    }
}

extension OperatorTerminal.State {
    var isSaleDone: Bool {
        if case .saleDone = self { return true }
        return false
    }
}
