#if canImport(Glibc)
import Glibc
#endif
import StandHardware
import Synchronization

/// The simulated terminal's memory, shared by the simulator's thread and whoever scripts and
/// reads it: the script, the transactions with their numbering and batches, the log of APDUs
/// taken from the ECR, and whether the terminal has power.
final class ZVTSimulatorJournal: Sendable {
    private struct State {
        var script: [ZVTScriptedOutcome] = []
        var transactions: [ZVTSimulatedTransaction] = []
        var received: [ZVTAPDU] = []
        /// End-of-day closings so far.
        var batch = 0
        var nextReceiptNumber = 1
        var nextTraceNumber = 1
        var offline = false
        var poweredOffUntil: ContinuousClock.Instant?
    }

    /// What a reversal request came to.
    enum ReversalOutcome {
        case reversed(ZVTSimulatedTransaction)
        /// B4 already reversed, B5 reversal not possible.
        case refused(resultCode: UInt8)
    }

    static let alreadyReversed: UInt8 = 0xB4
    static let reversalNotPossible: UInt8 = 0xB5

    private let state = Mutex(State())

    var ledger: ZVTSimulatorLedger {
        state.withLock { ZVTSimulatorLedger(transactions: $0.transactions, receivedAPDUs: $0.received) }
    }

    var lastTransaction: ZVTSimulatedTransaction? {
        state.withLock { $0.transactions.last }
    }

    // MARK: - Script

    func enqueue(_ outcomes: [ZVTScriptedOutcome]) {
        state.withLock { $0.script += outcomes }
    }

    /// The outcome for the authorization that just came; a NAK storm left at the head (its frames
    /// never came) is dropped first.
    func nextOutcome() -> ZVTScriptedOutcome {
        state.withLock { state in
            while case .nakStorm = state.script.first { state.script.removeFirst() }
            return state.script.isEmpty ? .approve() : state.script.removeFirst()
        }
    }

    /// Whether the frame that just came is to be answered NAK: true while a NAK storm at the head
    /// of the script has frames left, and uses one up.
    func takeStormNAK() -> Bool {
        state.withLock { state in
            guard case .nakStorm(let count) = state.script.first else { return false }
            if count <= 1 { state.script.removeFirst() } else { state.script[0] = .nakStorm(count: count - 1) }
            return count >= 1
        }
    }

    func log(_ apdu: ZVTAPDU) {
        state.withLock { $0.received.append(apdu) }
    }

    // MARK: - Power

    /// Offline or without power: the terminal answers nothing, not even ACK.
    var isSilent: Bool {
        state.withLock { state in
            if let until = state.poweredOffUntil, until <= .now { state.poweredOffUntil = nil }
            return state.offline || state.poweredOffUntil != nil
        }
    }

    func setOffline(_ offline: Bool) {
        state.withLock { $0.offline = offline }
    }

    func powerOff(for duration: Duration) {
        state.withLock { $0.poweredOffUntil = .now + duration }
    }

    func powerOn() {
        state.withLock { $0.poweredOffUntil = nil }
    }

    // MARK: - Transactions

    /// Books a decided transaction with the next receipt and trace numbers.
    func record(_ kind: ZVTSimulatedTransaction.Kind, amount: Int64, currency: UInt16, resultCode: UInt8,
                card: ZVTSimulatedCard?) -> ZVTSimulatedTransaction {
        state.withLock { state in
            Self.book(&state, kind, amount: amount, currency: currency, resultCode: resultCode, card: card)
        }
    }

    /// Undoes the approved payment of this batch with `receiptNumber` (nil: the last transaction)
    /// and books the reversal.
    func reverse(receiptNumber: Int?) -> ReversalOutcome {
        state.withLock { state in
            let index = receiptNumber.map { number in state.transactions.lastIndex { $0.receiptNumber == number } }
                ?? state.transactions.indices.last
            guard let index else { return .refused(resultCode: Self.reversalNotPossible) }
            let payment = state.transactions[index]
            guard payment.kind == .payment, payment.isApproved, payment.batch == state.batch else {
                return .refused(resultCode: Self.reversalNotPossible)
            }
            guard !payment.isReversed else { return .refused(resultCode: Self.alreadyReversed) }
            state.transactions[index].isReversed = true
            return .reversed(Self.book(&state, .reversal, amount: payment.amount, currency: payment.currency,
                                       resultCode: ZVTResultCode.success, card: payment.card, reversing: payment))
        }
    }

    /// Ends the batch: returns its transactions; the next ones start a new batch.
    func closeBatch() -> [ZVTSimulatedTransaction] {
        state.withLock { state in
            let batch = state.transactions.filter { $0.batch == state.batch }
            state.batch += 1
            return batch
        }
    }

    private static func book(_ state: inout State, _ kind: ZVTSimulatedTransaction.Kind, amount: Int64, currency: UInt16,
                             resultCode: UInt8, card: ZVTSimulatedCard?,
                             reversing original: ZVTSimulatedTransaction? = nil) -> ZVTSimulatedTransaction {
        let (date, time, _) = clock()
        let transaction = ZVTSimulatedTransaction(
            kind: kind, receiptNumber: state.nextReceiptNumber, traceNumber: state.nextTraceNumber, amount: amount,
            currency: currency, resultCode: resultCode, isReversed: false, card: card,
            reversedReceiptNumber: original?.receiptNumber, date: date, time: time,
            originalTraceNumber: original?.traceNumber, batch: state.batch)
        // Four and six BCD digits: after 9999 and 999999 the numbers start at 1 again.
        state.nextReceiptNumber = state.nextReceiptNumber % 9999 + 1
        state.nextTraceNumber = state.nextTraceNumber % 999_999 + 1
        state.transactions.append(transaction)
        return transaction
    }

    /// The terminal's local date and time, and the year's last two digits.
    static func clock() -> (date: ZVTDate, time: ZVTTime, year: Int) {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return (ZVTDate(month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)),
                ZVTTime(hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec)),
                Int(parts.tm_year) % 100)
    }
}
