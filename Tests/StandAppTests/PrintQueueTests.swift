import Foundation
import StandApp
import StandHardware
import StandStore
import Testing

@Suite("PrintQueue state machine")
struct PrintQueueTests {
    static func job(_ id: Int64, bytes: [UInt8] = [1, 2, 3], copy: [UInt8]? = [9, 9]) -> PrintJob {
        PrintJob(id: id, saleID: nil, kind: .receipt, bytes: bytes, copyBytes: copy, isCopy: false, state: .queued, attempts: 0,
                 lastError: nil, createdAt: Date(timeIntervalSince1970: 0), printedAt: nil)
    }

    static func sent(_ actions: [PrintQueue.Action]) -> [Int64] {
        actions.compactMap { if case .send(let job) = $0 { job.id } else { nil } }
    }

    @Test func waitsForAUsablePrinterThenPrintsOldestFirstOneAtATime() {
        var queue = PrintQueue()
        #expect(queue.enqueue(Self.job(1)).isEmpty)
        #expect(queue.enqueue(Self.job(2)).isEmpty)
        #expect(Self.sent(queue.printerChanged(usable: true)) == [1])
        #expect(queue.inFlight == 1)
        #expect(Self.sent(queue.enqueue(Self.job(3))).isEmpty)
        let afterFirst = queue.printSucceeded(1)
        #expect(afterFirst.first == .confirm({ var j = Self.job(1); j.state = .printing; return j }()))
        #expect(Self.sent(afterFirst) == [2])
        #expect(Self.sent(queue.printSucceeded(2)) == [3])
        #expect(Self.sent(queue.printSucceeded(3)).isEmpty)
        #expect(queue.isIdle)
    }

    @Test func aConfirmedJobIsNeverSentAgain() {
        var queue = PrintQueue(printerUsable: true)
        _ = queue.enqueue(Self.job(1))
        _ = queue.printSucceeded(1)
        #expect(queue.printSucceeded(1).isEmpty)
        #expect(queue.printFailed(1, error: .paperOut).isEmpty)
        #expect(Self.sent(queue.printerChanged(usable: false) + queue.printerChanged(usable: true)).isEmpty)
        #expect(queue.enqueue(Self.job(1)).count == 1, "a new job with a new id prints; the store never reuses ids")
    }

    @Test func paperOutMidJobRequeuesTheWholeJobAsACopyOnceThePrinterIsBack() {
        var queue = PrintQueue(printerUsable: true)
        _ = queue.enqueue(Self.job(1, bytes: [1, 2, 3], copy: [7, 7, 7]))
        let failed = queue.printFailed(1, error: .paperOut)
        guard case .requeue(let job, let asCopy, let reason)? = failed.first else {
            Issue.record("expected a requeue, got \(failed)")
            return
        }
        #expect(asCopy)
        #expect(job.bytes == [7, 7, 7] && job.isCopy && job.attempts == 1)
        #expect(reason == DeviceError.paperOut.summary)
        #expect(queue.blockedBy != nil)
        // The supervisor still says usable until the status event arrives: nothing is sent.
        #expect(Self.sent(queue.enqueue(Self.job(2))).isEmpty)
        #expect(Self.sent(queue.printerChanged(usable: false)).isEmpty)
        let resumed = queue.printerChanged(usable: true)
        guard case .send(let again)? = resumed.first else {
            Issue.record("expected the job to be sent again, got \(resumed)")
            return
        }
        #expect(again.id == 1 && again.bytes == [7, 7, 7] && again.isCopy)
        #expect(Self.sent(queue.printSucceeded(1)) == [2])
    }

    @Test func aJobWithoutCopyBytesIsRepeatedAsItIs() {
        var queue = PrintQueue(printerUsable: true)
        _ = queue.enqueue(Self.job(5, bytes: [4, 4], copy: nil))
        let failed = queue.printFailed(5, error: .disconnected(.receiptPrinter))
        #expect(failed.count == 1)
        #expect(queue.pending.first?.bytes == [4, 4])
        #expect(queue.pending.first?.isCopy == false)
        #expect(Self.sent(queue.retry()) == [5])
    }

    @Test func aJobRefusedBeforeAnyByteIsNotACopy() {
        var queue = PrintQueue(printerUsable: true)
        _ = queue.enqueue(Self.job(1))
        let failed = queue.printFailed(1, error: .wrongState(.disconnected, "print"))
        #expect(failed.first == .requeue({ var j = Self.job(1); j.state = .printing; j.attempts = 1; return j }(), asCopy: false,
                                         reason: DeviceError.wrongState(.disconnected, "print").summary))
    }

    @Test func paperOutSeenBeforeTheJobStartedRequeuesTheOriginal() {
        var queue = PrintQueue(printerUsable: true)
        _ = queue.enqueue(Self.job(1, bytes: [1, 2, 3], copy: [7, 7, 7]))
        let failed = queue.printFailed(1, error: DeviceError.paperOut.beforeStarting())
        #expect(failed.first == .requeue({ var j = Self.job(1, bytes: [1, 2, 3], copy: [7, 7, 7]); j.state = .printing; j.attempts = 1; return j }(),
                                         asCopy: false, reason: DeviceError.paperOut.summary))
        #expect(Self.sent(queue.printerChanged(usable: false) + queue.printerChanged(usable: true)) == [1])
    }

    @Test func bytesThePrinterRefusesAreAbandonedAndDoNotBlockTheQueue() {
        var queue = PrintQueue(printerUsable: true)
        _ = queue.enqueue(Self.job(1))
        _ = queue.enqueue(Self.job(2))
        let actions = queue.printFailed(1, error: .invalidInput(.receiptPrinter, "unknown command 0x1C"))
        guard case .abandon(let job, _)? = actions.first else {
            Issue.record("expected abandon, got \(actions)")
            return
        }
        #expect(job.id == 1)
        #expect(Self.sent(actions) == [2])
    }

    @Test func restoredJobsKeepTheirOrderAndSkipFinishedOnes() {
        var done = Self.job(2)
        done.state = .done
        var queue = PrintQueue(pending: [Self.job(3), done, Self.job(1)])
        #expect(queue.pending.map(\.id) == [1, 3])
        #expect(Self.sent(queue.printerChanged(usable: true)) == [1])
    }
}
