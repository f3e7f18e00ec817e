import StandHardware
import StandStore

/// The receipt print queue as a pure state machine: jobs (already stored), the printer's
/// availability and the outcome of each attempt go in; the actions to perform come out. The
/// ``PrintSpooler`` around it does the store writes and the printing.
///
/// The rules it keeps:
/// - one job at a time, oldest first, and only while the printer is usable;
/// - a job the printer confirmed is never sent again (`confirm`);
/// - a job that failed part-way (paper out, cover open, unplugged mid-job) stays queued and is
///   sent again whole, as its COPY variant, once the printer is back (`requeue(asCopy: true)`);
/// - a job whose bytes the printer refuses is given up (`abandon`) so it cannot block the
///   receipts behind it; it stays stored for a reprint.
public struct PrintQueue: Hashable, Sendable {
    /// What the spooler must do, in order.
    public enum Action: Hashable, Sendable {
        /// Mark the job printing in the store, hand its bytes to the printer, and report the
        /// outcome with `printSucceeded` or `printFailed`.
        case send(PrintJob)
        /// The printer took the whole job: mark it done in the store.
        case confirm(PrintJob)
        /// The job did not come out whole: store it queued again (its COPY bytes if `asCopy`)
        /// and tell the operator `reason`.
        case requeue(PrintJob, asCopy: Bool, reason: String)
        /// The printer refuses the job's bytes: mark it failed and tell the operator.
        case abandon(PrintJob, reason: String)
    }

    /// Jobs still to print, oldest first; the first is in flight when `inFlight` is set.
    public private(set) var pending: [PrintJob]
    /// The job handed to the printer and not yet reported back.
    public private(set) var inFlight: Int64?
    /// What the supervisor says about the printer.
    public private(set) var printerUsable: Bool
    /// Why the last attempt failed; nothing is sent until the printer changes or `retry()`.
    public private(set) var blockedBy: String?

    /// Restores the queue from the store's pending jobs (run `requeueInterruptedPrintJobs` first).
    public init(pending: [PrintJob] = [], printerUsable: Bool = false) {
        self.pending = pending.filter(\.isPending).sorted { $0.id < $1.id }
        self.printerUsable = printerUsable
    }

    /// Whether the queue holds a job the printer has not confirmed.
    public var isIdle: Bool { pending.isEmpty }

    /// A job was stored: print it when its turn comes.
    public mutating func enqueue(_ job: PrintJob) -> [Action] {
        guard !pending.contains(where: { $0.id == job.id }) else { return [] }
        pending.append(job)
        return next()
    }

    /// The supervisor's view of the printer changed. Becoming usable clears the block of a
    /// failed attempt: the printer is back.
    public mutating func printerChanged(usable: Bool) -> [Action] {
        if usable && !printerUsable { blockedBy = nil }
        printerUsable = usable
        return next()
    }

    /// Tries again after a failure that did not change the printer's status (a timeout, an I/O
    /// error).
    public mutating func retry() -> [Action] {
        blockedBy = nil
        return next()
    }

    /// The printer confirmed the job in flight.
    public mutating func printSucceeded(_ jobID: Int64) -> [Action] {
        guard inFlight == jobID, let index = pending.firstIndex(where: { $0.id == jobID }) else { return [] }
        let job = pending.remove(at: index)
        inFlight = nil
        return [.confirm(job)] + next()
    }

    /// The job in flight did not come out whole.
    public mutating func printFailed(_ jobID: Int64, error: DeviceError) -> [Action] {
        guard inFlight == jobID, let index = pending.firstIndex(where: { $0.id == jobID }) else { return [] }
        inFlight = nil
        switch error.code {
        case _ where error.refusedBeforeStarting, .wrongState:
            // Refused before any byte was sent: nothing is on paper.
            blockedBy = error.summary
            pending[index].attempts += 1
            return [.requeue(pending[index], asCopy: false, reason: error.summary)]
        case .invalidInput, .protocolViolation, .unsupported:
            let job = pending.remove(at: index)
            return [.abandon(job, reason: error.summary)] + next()
        default:
            // Part of it may be on paper: the repeat is the COPY variant.
            blockedBy = error.summary
            pending[index].attempts += 1
            if let copy = pending[index].copyBytes {
                pending[index].bytes = copy
                pending[index].isCopy = true
            }
            return [.requeue(pending[index], asCopy: true, reason: error.summary)]
        }
    }

    private mutating func next() -> [Action] {
        guard inFlight == nil, printerUsable, blockedBy == nil, var job = pending.first else { return [] }
        job.state = .printing
        pending[0] = job
        inFlight = job.id
        return [.send(job)]
    }
}
