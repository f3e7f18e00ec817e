import StandCore
import StandHardware

/// Payments and refunds: the customer's steps, the decision, the result the ECR learns.
extension ZVTTerminalSession {
    private enum Verdict {
        case approved(ZVTSimulatedCard)
        case declined(resultCode: UInt8)
        /// The customer pressed stop.
        case aborted
    }

    /// Intermediate status codes (04 FF) the simulated customer goes through.
    private static let insertCard: UInt8 = 0x0A
    private static let cardNotReadable: UInt8 = 0x0C
    private static let pleaseWait: UInt8 = 0x0E
    /// Result codes of its declines.
    private static let cardNotReadableResult: UInt8 = 0x64
    private static let wrongCurrency: UInt8 = 0x6F
    /// BMP 19 of an approval: authorised online.
    private static let onlinePayment: UInt8 = 0x60

    /// An authorization (`06 01`) or a refund (`06 31`) played as `outcome` says: `80 00 00`, the
    /// customer's steps as intermediate statuses, then approved (status information, receipt,
    /// completion) or not (status information and abort, or only the abort when the customer or
    /// the ECR stopped it).
    mutating func cardTransaction(_ kind: ZVTSimulatedTransaction.Kind, amount: Int64, currency: UInt16,
                                  outcome: ZVTScriptedOutcome) throws(ZVTInterruption) {
        switch outcome {
        case .garbledFrames: link.garbles = true
        case .badCRC: link.corruptsNextFrame = true
        default: break
        }
        try link.send(.positiveAcknowledgement)
        if outcome == .timeout {
            try stayQuiet()
            return
        }
        let verdict: Verdict
        do {
            verdict = try customerSteps(outcome, currency: currency)
        } catch {
            guard case .abortedByECR = error else { throw error }
            try link.send(.positiveAcknowledgement)
            let transaction = journal.record(kind, amount: amount, currency: currency, resultCode: ZVTResultCode.aborted, card: nil)
            try exchange(.abort(resultCode: transaction.resultCode, text: nil))
            return
        }
        switch verdict {
        case .approved(let card):
            let transaction = journal.record(kind, amount: amount, currency: currency, resultCode: ZVTResultCode.success, card: card)
            let information = statusInformation(transaction)
            if outcome == .powerLossAfterApproval {
                try link.send(Self.apdu(.statusInformation(information)), awaitsAcknowledgement: false)
                journal.powerOff(for: settings.powerOffDuration)
                return
            }
            try exchange(.statusInformation(information))
            try printReceipt(transaction)
            try exchange(.completion(completion()))
        case .declined(let code):
            let transaction = journal.record(kind, amount: amount, currency: currency, resultCode: code, card: nil)
            try exchange(.statusInformation(statusInformation(transaction)))
            try exchange(.abort(resultCode: code, text: nil))
        case .aborted:
            let transaction = journal.record(kind, amount: amount, currency: currency, resultCode: ZVTResultCode.aborted, card: nil)
            try exchange(.abort(resultCode: transaction.resultCode, text: nil))
        }
    }

    /// Insert card, then (the card read) please wait until the bank answers. Throws
    /// `.abortedByECR` when the ECR aborts meanwhile.
    private mutating func customerSteps(_ outcome: ZVTScriptedOutcome, currency: UInt16) throws(ZVTInterruption) -> Verdict {
        try intermediateStatus(Self.insertCard, then: settings.customerStepDelay)
        switch outcome {
        case .customerAbort:
            return .aborted
        case .cardReadError:
            try intermediateStatus(Self.cardNotReadable, then: settings.customerStepDelay)
            return .declined(resultCode: Self.cardNotReadableResult)
        case .slowIntermediate(let count, let every):
            for _ in 0..<max(count, 0) { try intermediateStatus(Self.pleaseWait, then: every) }
        default:
            try intermediateStatus(Self.pleaseWait, then: settings.customerStepDelay)
        }
        guard currency == settings.currency else { return .declined(resultCode: Self.wrongCurrency) }
        switch outcome {
        case .approve(let brand, let lastDigits):
            return .approved(ZVTSimulatedCard(brand: brand, lastDigits: lastDigits))
        case .decline(let code):
            return .declined(resultCode: code)
        default:
            return .approved(ZVTSimulatedCard(brand: .visa, lastDigits: "1234"))
        }
    }

    private mutating func intermediateStatus(_ code: UInt8, then delay: Duration) throws(ZVTInterruption) {
        try exchange(.intermediateStatus(ZVTIntermediateStatus(code: code)), abortable: true)
        try pause(delay, abortable: true)
    }

    /// The `timeout` outcome: nothing more about this transaction. An ECR abort gets `80 00 00`
    /// and no more; any other command ends the silence and is served.
    private mutating func stayQuiet() throws(ZVTInterruption) {
        while true {
            guard let apdu = try link.receive(until: nil, awaitingCommand: true) else { continue }
            if apdu.commandClass == 0x80 || apdu.commandClass == 0x84 { continue }
            if apdu.commandClass == 0x06, apdu.instruction == 0xB0 {
                try link.send(.positiveAcknowledgement)
            } else {
                link.unread(apdu)
            }
            return
        }
    }

    /// What the terminal reports about `transaction` in its status information (`04 0F`), the same
    /// when a repeat receipt asks again.
    func statusInformation(_ transaction: ZVTSimulatedTransaction) -> ZVTStatusInformation {
        let card = transaction.card
        let authorisation = transaction.isApproved && card != nil ? "AC" + ZVTSimulatedReceipt.zeroPadded(transaction.traceNumber, 6) : nil
        return Self.built { () throws(ZVTError) in
            try ZVTStatusInformation(
                resultCode: transaction.resultCode, amount: transaction.amount, currency: transaction.currency,
                traceNumber: transaction.traceNumber, originalTraceNumber: transaction.originalTraceNumber,
                receiptNumber: transaction.receiptNumber, date: transaction.date, time: transaction.time,
                expiry: card?.expiry, paymentType: card.map { _ in Self.onlinePayment }, maskedPAN: card?.maskedPAN,
                terminalID: settings.terminalID, aid: authorisation, cardType: card?.typeID, cardName: card?.name)
        }
    }

    /// The customer receipt, as one text block or line by line (`ZVTSimulatorSettings.receiptDelivery`).
    mutating func printReceipt(_ transaction: ZVTSimulatedTransaction) throws(ZVTInterruption) {
        let lines = ZVTSimulatedReceipt.lines(for: transaction, terminalID: settings.terminalID)
        switch settings.receiptDelivery {
        case .textBlock:
            try exchange(.printTextBlock(ZVTTextBlock(receiptType: .customer, lines: lines)))
        case .printLines:
            for line in lines { try exchange(.printLine(attribute: 0x00, text: line)) }
        }
    }
}
