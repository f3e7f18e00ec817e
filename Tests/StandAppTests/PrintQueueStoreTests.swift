import Foundation
import StandCore
import StandStore
import Testing

@Suite("StandStore print jobs and shifts")
struct PrintQueueStoreTests {
    static func storeWithSale() throws -> (StandStore, Sale, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("printqueue-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        let demo = try DemoStand()
        let priced = try demo.pricer.price(Cart([CartItem("hotdog")]), context: PricingContext(date: Date(timeIntervalSince1970: 1_750_000_000)))
        let sale = try Sale.make(standID: "demo-stand-01", operatorID: "anna", createdAt: Date(timeIntervalSince1970: 1_750_000_000),
                                 cart: priced, tenders: [.cash(given: Money(cents: 500, .eur))])
        try store.commit(sale)
        return (store, sale, directory)
    }

    @Test func jobsAreStoredQueuedAndReadBackInOrder() throws {
        let (store, sale, _) = try Self.storeWithSale()
        let first = try store.enqueuePrintJob(saleID: sale.id, kind: .receipt, bytes: [1, 2], copyBytes: [3], isCopy: false, at: Date())
        let second = try store.enqueuePrintJob(saleID: nil, kind: .report, bytes: [5], copyBytes: nil, isCopy: false, at: Date())
        #expect(second.id > first.id)
        let pending = try store.pendingPrintJobs()
        #expect(pending.map(\.id) == [first.id, second.id])
        #expect(pending[0].bytes == [1, 2] && pending[0].copyBytes == [3] && pending[0].saleID == sale.id)
        #expect(try store.printJobs(ofSale: sale.id).map(\.id) == [first.id])
    }

    @Test func doneJobsAreNoLongerPendingAndCannotBeMarkedAgain() throws {
        let (store, sale, _) = try Self.storeWithSale()
        let job = try store.enqueuePrintJob(saleID: sale.id, kind: .receipt, bytes: [1], copyBytes: [2], isCopy: false, at: Date())
        try store.markPrintJobPrinting(job.id)
        try store.markPrintJobDone(job.id, at: Date())
        #expect(try store.pendingPrintJobs().isEmpty)
        #expect(try store.printJob(id: job.id)?.state == .done)
        #expect(try store.printJob(id: job.id)?.printedAt != nil)
        #expect(throws: StoreError.self) { try store.requeuePrintJob(job.id, asCopy: true, error: "late failure") }
        #expect(try store.printJob(id: job.id)?.state == .done)
    }

    @Test func requeueAsCopySwitchesToTheCopyBytes() throws {
        let (store, sale, _) = try Self.storeWithSale()
        let job = try store.enqueuePrintJob(saleID: sale.id, kind: .receipt, bytes: [1], copyBytes: [2, 2], isCopy: false, at: Date())
        try store.markPrintJobPrinting(job.id)
        try store.requeuePrintJob(job.id, asCopy: true, error: "The printer is out of paper.")
        let found = try store.printJob(id: job.id)
        let stored = try #require(found)
        #expect(stored.state == .queued && stored.isCopy && stored.bytes == [2, 2] && stored.attempts == 1)
        #expect(stored.lastError == "The printer is out of paper.")
    }

    @Test func aJobCaughtPrintingByARestartIsQueuedAgainAsACopy() throws {
        let (store, sale, directory) = try Self.storeWithSale()
        let job = try store.enqueuePrintJob(saleID: sale.id, kind: .receipt, bytes: [1], copyBytes: [2], isCopy: false, at: Date())
        let untouched = try store.enqueuePrintJob(saleID: sale.id, kind: .receipt, bytes: [3], copyBytes: [4], isCopy: true, at: Date())
        try store.markPrintJobPrinting(job.id)
        let reopened = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        #expect(try reopened.requeueInterruptedPrintJobs() == 1)
        let pending = try reopened.pendingPrintJobs()
        #expect(pending.map(\.id) == [job.id, untouched.id])
        #expect(pending[0].state == .queued && pending[0].isCopy && pending[0].bytes == [2])
        #expect(pending[1].bytes == [3])
    }

    @Test func aReceiptMustBelongToAStoredSale() throws {
        let (store, _, _) = try Self.storeWithSale()
        #expect(throws: StoreError.self) {
            try store.enqueuePrintJob(saleID: SaleID(), kind: .receipt, bytes: [1], copyBytes: nil, isCopy: false, at: Date())
        }
    }

    @Test func oneShiftAtATime() throws {
        let (store, _, _) = try Self.storeWithSale()
        let opened = try store.openShift(operator: "anna", float: Money(cents: 10_000, .eur), at: Date(timeIntervalSince1970: 1000))
        #expect(try store.openShift()?.id == opened.id)
        #expect(throws: ShiftError.self) { try store.openShift(operator: "sam", float: Money(cents: 0, .eur), at: Date()) }
        let closed = try store.closeShift(by: "sam", counted: Money(cents: 12_345, .eur), at: Date(timeIntervalSince1970: 2000))
        #expect(closed.counted == Money(cents: 12_345, .eur) && closed.closedBy == "sam" && !closed.isOpen)
        #expect(try store.openShift() == nil)
        #expect(try store.lastShift() == closed)
        #expect(throws: ShiftError.noneOpen) { try store.closeShift(by: "anna", counted: nil, at: Date()) }
    }
}
