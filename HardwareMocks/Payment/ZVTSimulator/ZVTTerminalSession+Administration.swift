import StandHardware

/// The commands around payments: reversal, repeat receipt, end of day, status enquiry.
extension ZVTTerminalSession {
    /// `06 30`: undoes the payment with that receipt number (approved, in this batch, not yet
    /// reversed) and reports the reversal with its own receipt number; else aborts with B4
    /// (already reversed) or B5 (not possible).
    mutating func reverse(receiptNumber: Int?) throws(ZVTInterruption) {
        try link.send(.positiveAcknowledgement)
        switch journal.reverse(receiptNumber: receiptNumber) {
        case .reversed(let reversal):
            try exchange(.statusInformation(statusInformation(reversal)))
            try printReceipt(reversal)
            try exchange(.completion(completion()))
        case .refused(let code):
            try exchange(.abort(resultCode: code, text: nil))
        }
    }

    /// `06 20`: the last transaction's status information and receipt again, whatever its result;
    /// an abort with 83 (function not possible) when there is none.
    mutating func repeatReceipt() throws(ZVTInterruption) {
        try link.send(.positiveAcknowledgement)
        guard let last = journal.lastTransaction else {
            try exchange(.abort(resultCode: ZVTResultCode.functionNotPossible, text: nil))
            return
        }
        try exchange(.statusInformation(statusInformation(last)))
        try printReceipt(last)
        try exchange(.completion(completion()))
    }

    /// `06 50`: closes the batch and reports it: BMP 04 the total of the payments that stand, BMP
    /// 60 their count and turnover per card scheme, with the batch's first and last receipt numbers.
    mutating func endOfDay() throws(ZVTInterruption) {
        try link.send(.positiveAcknowledgement)
        let batch = journal.closeBatch()
        let charges = batch.filter { $0.kind == .payment && $0.isApproved && !$0.isReversed }
        var lines = [ZVTTotals.Line](repeating: .zero, count: 7)
        for charge in charges {
            guard let index = charge.card?.totalsLine else { continue }
            // One byte counts a scheme's transactions; a real terminal closes its batch long before.
            lines[index] = ZVTTotals.Line(count: min(lines[index].count + 1, 255), turnover: lines[index].turnover + charge.amount)
        }
        let totals = ZVTTotals(firstReceiptNumber: batch.first?.receiptNumber ?? 0, lastReceiptNumber: batch.last?.receiptNumber ?? 0,
                               girocard: lines[0], jcb: lines[1], eurocard: lines[2], amex: lines[3], visa: lines[4],
                               diners: lines[5], other: lines[6])
        let (date, time, _) = ZVTSimulatorJournal.clock()
        let information = Self.built { () throws(ZVTError) in
            try ZVTStatusInformation(resultCode: ZVTResultCode.success, amount: charges.reduce(0) { $0 + $1.amount },
                                     currency: settings.currency, date: date, time: time, terminalID: settings.terminalID,
                                     totals: totals)
        }
        try exchange(.statusInformation(information))
        try exchange(.completion(completion()))
    }

    /// `05 01`: the terminal is ready: status information with result 00, completion with status
    /// byte 00.
    mutating func statusEnquiry() throws(ZVTInterruption) {
        try link.send(.positiveAcknowledgement)
        let information = Self.built { () throws(ZVTError) in
            try ZVTStatusInformation(resultCode: ZVTResultCode.success, terminalID: settings.terminalID)
        }
        try exchange(.statusInformation(information))
        try exchange(.completion(completion(statusByte: 0x00)))
    }
}
