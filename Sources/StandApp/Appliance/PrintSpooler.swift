import Foundation
import Logging
import StandCore
import StandHardware
import StandStore

/// Prints the stored print jobs, one at a time, whenever the printer is usable: the I/O around
/// the pure ``PrintQueue``. Every job is in the store before any byte is sent; a job is marked
/// `printing` before it is sent and `done` as soon as the printer confirms it, so a restart
/// neither loses a receipt nor prints a confirmed one again.
///
/// `run()` does the printing until cancelled; `enqueue` and `printerChanged` may be called at
/// any time from anywhere.
public actor PrintSpooler {
    /// What happened to a job, for the operator terminal and the simulator.
    public enum Notice: Hashable, Sendable {
        /// The printer confirmed the whole job.
        case printed(PrintJob)
        /// The job did not come out (whole); it waits for the printer. `reason` in the
        /// operator's words.
        case queued(PrintJob, reason: String)
        /// The printer refuses the job's bytes; it is kept for a reprint but not retried.
        case abandoned(PrintJob, reason: String)
    }

    /// Every notice, for one consumer.
    public nonisolated let notices: AsyncStream<Notice>
    private let noticeContinuation: AsyncStream<Notice>.Continuation
    private let sends: AsyncStream<PrintJob>
    private let sendContinuation: AsyncStream<PrintJob>.Continuation
    private let store: StandStore
    private let printer: (any ReceiptPrinter)?
    private let clock: any Clock<Duration>
    private let retryInterval: Duration
    private let logger: Logger
    private var queue: PrintQueue
    private var printerFailed: (@Sendable (DeviceError) async -> Void)?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Loads the pending jobs, first queueing again (as copies) those a crash caught printing.
    ///
    /// - Parameters:
    ///   - printer: nil for a stand without a printer: jobs are kept until one is configured.
    ///   - retryInterval: how often a job that failed without the printer's status changing
    ///     (a timeout, an I/O error) is tried again.
    public init(store: StandStore, printer: (any ReceiptPrinter)?, clock: any Clock<Duration> = ContinuousClock(),
                retryInterval: Duration = .seconds(5), logger: Logger = Logger(label: "standkit.print")) throws(StoreError) {
        self.store = store
        self.printer = printer
        self.clock = clock
        self.retryInterval = retryInterval
        self.logger = logger
        let recovered = try store.requeueInterruptedPrintJobs()
        if recovered > 0 { logger.warning("print jobs interrupted by a restart are queued again as copies", metadata: ["jobs": "\(recovered)"]) }
        queue = PrintQueue(pending: try store.pendingPrintJobs(), printerUsable: false)
        (notices, noticeContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(256))
        (sends, sendContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Called with the printer's error when a job fails, so the supervisor can reconnect it.
    public func onPrinterFailure(_ handler: @escaping @Sendable (DeviceError) async -> Void) {
        printerFailed = handler
    }

    /// Jobs not yet confirmed by the printer.
    public var pendingJobs: [PrintJob] { queue.pending }

    /// Whether every job has been confirmed.
    public var isIdle: Bool { queue.isIdle }

    /// Returns once every job has been confirmed by the printer (at once when none is pending).
    public func waitUntilIdle() async {
        guard !queue.isIdle else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stores a job (durably, before anything is printed) and prints it when its turn comes.
    @discardableResult
    public func enqueue(saleID: SaleID?, kind: PrintJob.Kind, bytes: [UInt8], copyBytes: [UInt8]?, isCopy: Bool,
                        at date: Date) throws(StoreError) -> PrintJob {
        let job = try store.enqueuePrintJob(saleID: saleID, kind: kind, bytes: bytes, copyBytes: copyBytes, isCopy: isCopy, at: date)
        adopt(job)
        return job
    }

    /// Takes on a job the store already holds (queued in the sale's own transaction).
    public func adopt(_ job: PrintJob) {
        perform(queue.enqueue(job))
        if queue.inFlight != job.id, let reason = queue.blockedBy ?? (queue.printerUsable ? nil : "Printer not ready") {
            noticeContinuation.yield(.queued(job, reason: reason))
        }
    }

    /// The supervisor's view of the printer changed.
    public func printerChanged(usable: Bool) {
        perform(queue.printerChanged(usable: usable))
    }

    /// Prints until cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await job in self.sends { await self.send(job) }
            }
            group.addTask {
                while !Task.isCancelled {
                    do { try await self.clock.sleep(for: self.retryInterval) } catch { return }
                    await self.retryIfBlocked()
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    private func retryIfBlocked() {
        guard queue.blockedBy != nil, queue.printerUsable else { return }
        perform(queue.retry())
    }

    private func send(_ job: PrintJob) async {
        let metadata: Logger.Metadata = ["print.job": "\(job.id)", "sale.id": "\(job.saleID.map { "\($0)" } ?? "-")",
                                         "copy": "\(job.isCopy)", "bytes": "\(job.bytes.count)"]
        guard let printer else { return }
        // The supervisor may not have heard yet that the printer went away; a job refused
        // before any byte was sent must not come out marked COPY later.
        let state = await printer.state
        guard state.isUsable else {
            perform(queue.printFailed(job.id, error: .wrongState(state, "print")))
            return
        }
        do {
            try store.markPrintJobPrinting(job.id)
        } catch {
            logger.error("cannot mark print job printing; not sending it", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            perform(queue.printFailed(job.id, error: .wrongState(.enabled, "record the print job (\(error))")))
            return
        }
        do {
            try await printer.print(job.bytes)
            perform(queue.printSucceeded(job.id))
        } catch {
            logger.warning("print job did not come out", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            perform(queue.printFailed(job.id, error: error))
            await printerFailed?(error)
        }
    }

    private func perform(_ actions: [PrintQueue.Action]) {
        for action in actions {
            switch action {
            case .send(let job):
                sendContinuation.yield(job)
            case .confirm(let job):
                do { try store.markPrintJobDone(job.id, at: Date()) } catch {
                    // The paper is out of the printer; a restart would print it once more as a copy.
                    logger.error("printed job could not be marked done", metadata: ["print.job": "\(job.id)", "error": "\(error)"])
                }
                var done = job
                done.state = .done
                noticeContinuation.yield(.printed(done))
            case .requeue(let job, let asCopy, let reason):
                do { try store.requeuePrintJob(job.id, asCopy: asCopy, error: reason) } catch {
                    logger.error("failed job could not be queued again in the store", metadata: ["print.job": "\(job.id)", "error": "\(error)"])
                }
                var queued = job
                queued.state = .queued
                noticeContinuation.yield(.queued(queued, reason: reason))
            case .abandon(let job, let reason):
                do { try store.markPrintJobFailed(job.id, error: reason) } catch {
                    logger.error("refused job could not be marked failed", metadata: ["print.job": "\(job.id)", "error": "\(error)"])
                }
                var failed = job
                failed.state = .failed
                noticeContinuation.yield(.abandoned(failed, reason: reason))
            }
        }
        if queue.isIdle, !idleWaiters.isEmpty {
            let waiters = idleWaiters
            idleWaiters = []
            for waiter in waiters { waiter.resume() }
        }
    }
}
