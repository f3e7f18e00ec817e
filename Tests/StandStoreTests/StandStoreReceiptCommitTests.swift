import Foundation
import StandCore
import Testing
@testable import StandStore

@Suite struct StandStoreReceiptCommitTests {
    @Test(arguments: StoreKind.allCases)
    func theReceiptJobIsStoredWithTheSaleAndCarriesItsJournalSequence(kind: StoreKind) throws {
        let store = try kind.makeStore()
        try store.recordDelivery(item: "bun", quantity: 10, reference: "", at: Date())
        let sale = try cashSale()
        let result = try store.commit(sale) { entry in
            ReceiptJob(bytes: Array("receipt #\(entry.sequence)".utf8), copyBytes: Array("COPY #\(entry.sequence)".utf8))
        }
        #expect(result.entry.sequence == 2)
        let job = try #require(result.printJob)
        #expect(job.bytes == Array("receipt #2".utf8))
        #expect(job.copyBytes == Array("COPY #2".utf8))
        #expect(try store.printJobs(ofSale: sale.id) == [job])
        #expect(try store.pendingPrintJobs().map(\.id) == [job.id])
    }

    @Test(arguments: StoreKind.allCases)
    func aRetryOfAStoredSaleQueuesNoSecondReceipt(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        let layout: (JournalEntry) -> ReceiptJob? = { _ in ReceiptJob(bytes: [0x1B, 0x40], copyBytes: [0x1B, 0x40]) }
        let first = try store.commit(sale, receipt: layout)
        let retry = try store.commit(sale, receipt: layout)
        #expect(retry.entry == first.entry)
        #expect(retry.printJob == nil)
        #expect(try store.printJobs(ofSale: sale.id).count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func aReceiptThatCannotBeLaidOutStillCommitsTheSale(kind: StoreKind) throws {
        let store = try kind.makeStore()
        let sale = try cashSale()
        let result = try store.commit(sale) { _ in nil }
        #expect(result.printJob == nil)
        #expect(try store.sale(id: sale.id) == sale)
        #expect(try store.printJobs(ofSale: sale.id).isEmpty)
    }
}
