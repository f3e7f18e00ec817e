import Foundation
import Logging
import StandCore
import StandHardware
import StandStore

/// Takes card payments so that none is lost and none is charged twice: every attempt is stored
/// before the terminal is asked and its outcome stored before the sale is acknowledged; an
/// attempt whose outcome was lost (crash, power cut, pulled cable, timeout) is resolved with the
/// terminal's own record before anything else is charged.
public actor CardPaymentDesk {
    /// Points in a payment where the process may die; tests kill it there.
    public enum Step: String, Sendable, CaseIterable {
        /// The attempt is stored; the terminal has not been asked.
        case attemptStored
        /// The terminal answered; its answer is not stored yet.
        case terminalAnswered
        /// The answer is stored; the sale is not.
        case outcomeStored
    }

    private let store: StandStore
    private let terminal: (any PaymentTerminal)?
    private let now: @Sendable () -> Date
    private let checkpoint: @Sendable (Step) -> Void
    private let reportFailure: @Sendable (DeviceError) async -> Void
    private let logger: Logger

    /// - Parameters:
    ///   - reportFailure: told of every terminal failure (the device supervisor reconnects it).
    ///   - checkpoint: called at each ``Step`` of a payment.
    public init(store: StandStore, terminal: (any PaymentTerminal)?, now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "standkit.card"),
                reportFailure: @escaping @Sendable (DeviceError) async -> Void = { _ in },
                checkpoint: @escaping @Sendable (Step) -> Void = { _ in }) {
        self.store = store
        self.terminal = terminal
        self.now = now
        self.logger = logger
        self.reportFailure = reportFailure
        self.checkpoint = checkpoint
    }

    /// Charges the draft's total on the terminal. An approval is stored as such before it is
    /// returned; the caller then commits the sale, which settles the attempt in its transaction.
    public func charge(_ draft: CardSaleDraft) async -> CardResult {
        guard let terminal else { return .failed(reason: "no card terminal at this stand") }
        for recovery in await resolveOpenAttempts() {
            switch recovery {
            case .stillUnknown(let attempt, let reason):
                return .failed(reason: "the card payment of \(attempt.amount.formattedAmount) before is not resolved yet (\(reason)); take cash")
            case .complete(let attempt, _):
                return .failed(reason: "the approved card payment of \(attempt.amount.formattedAmount) before is not in a sale yet; the stand stores it first")
            case .notCharged, .reversed, .needsSupervisor:
                continue
            }
        }
        if let failure = await establishBaseline(terminal) { return failure }
        do throws(StoreError) {
            try store.beginCardAttempt(draft, at: now())
        } catch {
            logger.error("card attempt not stored", metadata: ["reference": "\(draft.reference)", "error": "\(error)"])
            return .failed(reason: "the payment could not be saved before charging: \(error)")
        }
        checkpoint(.attemptStored)
        let request = PaymentRequest(amount: draft.amount, reference: draft.reference)
        let outcome: PaymentOutcome
        do throws(DeviceError) {
            outcome = try await terminal.authorize(request)
        } catch {
            return await afterFailure(draft, error)
        }
        checkpoint(.terminalAnswered)
        let result = record(draft.reference, outcome)
        checkpoint(.outcomeStored)
        return result
    }

    /// Resolves every attempt whose money is not accounted for: asks the terminal about one
    /// whose outcome was lost, reverses an approval whose sale was paid another way, and
    /// returns approvals whose sale still has to be stored as `.complete`.
    public func resolveOpenAttempts() async -> [CardRecovery] {
        let open: [CardAttempt]
        do throws(StoreError) {
            open = try store.openCardAttempts()
        } catch {
            logger.error("open card attempts unreadable", metadata: ["error": "\(error)"])
            return []
        }
        var recoveries: [CardRecovery] = []
        for attempt in open where attempt.state != .supervisor {
            let recovery = await resolve(attempt)
            logger.notice("card attempt resolved", metadata: ["reference": "\(attempt.reference)", "recovery": "\(recovery)"])
            recoveries.append(recovery)
        }
        return recoveries
    }

    /// Before the stand's first payment on a terminal, what the terminal's newest transaction is:
    /// a lost outcome is later judged by whether the terminal has a newer one.
    private func establishBaseline(_ terminal: any PaymentTerminal) async -> CardResult? {
        do throws(StoreError) {
            guard try store.lastTerminalReceipt() == nil else { return nil }
            let last: TerminalTransaction?
            do throws(DeviceError) {
                last = try await terminal.lastTransaction()
            } catch {
                await reportFailure(error)
                return error.code == .timeout ? .timedOut : .failed(reason: error.summary)
            }
            try store.setLastTerminalReceipt(last.map { $0.receiptNumber ?? "unnumbered" } ?? CardAttempt.noTerminalTransaction)
            return nil
        } catch {
            return .failed(reason: "the payment could not be saved before charging: \(error)")
        }
    }

    // MARK: - Outcomes

    private func record(_ reference: String, _ outcome: PaymentOutcome) -> CardResult {
        let at = now()
        do throws(StoreError) {
            switch outcome {
            case .approved(let payment):
                try store.recordCardApproved(reference, payment: payment, at: at)
                return .approved(payment)
            case .declined(let code, let message):
                try store.recordCardNotCharged(reference, reason: "declined: \(message)", at: at)
                return .declined(code: code, message: message)
            case .cancelledByCustomer:
                try store.recordCardNotCharged(reference, reason: "cancelled by the customer", at: at)
                return .cancelledByCustomer
            }
        } catch {
            // The attempt stays pending: the next resolution asks the terminal again.
            logger.error("card outcome not stored", metadata: ["reference": "\(reference)", "error": "\(error)"])
            if case .approved(let payment) = outcome { return .approved(payment) }
            return .failed(reason: "the card terminal's answer could not be saved: \(error)")
        }
    }

    /// The terminal failed mid-payment: unless it never got the request, ask it what happened.
    private func afterFailure(_ draft: CardSaleDraft, _ error: DeviceError) async -> CardResult {
        logger.warning("card authorization failed", metadata: ["reference": "\(draft.reference)", "error": "\(error)"])
        await reportFailure(error)
        if error.refusedBeforeStarting {
            try? store.recordCardNotCharged(draft.reference, reason: "the terminal did not take the payment: \(error.summary)", at: now())
            return error.code == .timeout ? .timedOut : .failed(reason: error.summary)
        }
        guard let attempt = try? store.cardAttempt(draft.reference) else {
            return .failed(reason: "\(error.summary) The payment's record could not be read; a supervisor must check the terminal.")
        }
        switch await resolve(attempt) {
        case .complete(_, let payment):
            return .approved(payment)
        case .notCharged:
            return error.code == .timeout ? .timedOut : .failed(reason: "\(error.summary) Nothing was charged")
        case .stillUnknown(_, let reason):
            return .failed(reason: "\(error.summary) Whether the card was charged is not known yet (\(reason)); take cash only after the terminal answers")
        case .reversed, .needsSupervisor:
            return .failed(reason: "\(error.summary) The payment needs a supervisor")
        }
    }

    private func resolve(_ attempt: CardAttempt) async -> CardRecovery {
        switch attempt.state {
        case .pending:
            return await resolvePending(attempt)
        case .approved:
            guard let payment = attempt.payment else { return flagSupervisor(attempt, "approved without payment details") }
            return await resolveApproved(attempt, payment)
        case .settled, .notCharged, .reversed, .supervisor:
            return .notCharged(attempt)
        }
    }

    /// What the terminal remembers decides: a newer approval of this amount is this attempt's.
    private func resolvePending(_ attempt: CardAttempt) async -> CardRecovery {
        guard let terminal else { return .stillUnknown(attempt, reason: "no card terminal is configured") }
        let last: TerminalTransaction?
        do throws(DeviceError) {
            last = try await terminal.lastTransaction()
        } catch {
            await reportFailure(error)
            return .stillUnknown(attempt, reason: "the card terminal did not answer: \(error.summary)")
        }
        guard let last else {
            guard attempt.previousTerminalReceipt == CardAttempt.noTerminalTransaction else {
                return flagSupervisor(attempt, "the terminal shows no transaction at all, though it had receipt \(attempt.previousTerminalReceipt ?? "?") before this payment (was it reset?); check its journal")
            }
            return markNotCharged(attempt, "the terminal still has no transaction")
        }
        if let receipt = last.receiptNumber, receipt == attempt.previousTerminalReceipt {
            return markNotCharged(attempt, "the terminal's newest transaction is receipt \(receipt), from before this payment")
        }
        switch last.outcome {
        case .approved(let payment) where payment.amount == attempt.amount:
            do throws(StoreError) {
                try store.recordCardApproved(attempt.reference, payment: payment, at: now())
            } catch {
                return .stillUnknown(attempt, reason: "the approval could not be saved: \(error)")
            }
            return await resolveApproved(attempt, payment)
        case .approved(let payment):
            return flagSupervisor(attempt, "the terminal's newest transaction is an approval of \(payment.amount.formattedAmount), receipt \(payment.terminalReceiptNumber), not \(attempt.amount.formattedAmount)")
        case .declined(_, let message):
            return markNotCharged(attempt, "declined: \(message)", terminalReceipt: last.receiptNumber)
        case .cancelledByCustomer:
            return markNotCharged(attempt, "cancelled on the terminal", terminalReceipt: last.receiptNumber)
        }
    }

    /// An approval still without its sale: completed, unless the sale was paid another way
    /// meanwhile; then the card payment is given back.
    private func resolveApproved(_ attempt: CardAttempt, _ payment: CardPayment) async -> CardRecovery {
        let stored: Sale?
        do throws(StoreError) {
            stored = try store.sale(id: attempt.draft.saleID)
        } catch {
            return .stillUnknown(attempt, reason: "the sales could not be read: \(error)")
        }
        guard let stored else { return .complete(attempt, payment) }
        guard let terminal else { return flagSupervisor(attempt, "sale \(stored.id) was paid otherwise; reverse receipt \(payment.terminalReceiptNumber) by hand") }
        let outcome: ReversalOutcome
        do throws(DeviceError) {
            outcome = try await terminal.reverse(payment)
        } catch {
            return .stillUnknown(attempt, reason: "the reversal of receipt \(payment.terminalReceiptNumber) did not go through: \(error.summary)")
        }
        switch outcome {
        case .reversed, .alreadyReversed:
            let reason = "sale \(stored.id) was paid otherwise; receipt \(payment.terminalReceiptNumber) reversed"
            do throws(StoreError) {
                try store.recordCardReversed(attempt.reference, reason: reason, at: now())
            } catch {
                return .stillUnknown(attempt, reason: "the reversal could not be saved: \(error)")
            }
            return .reversed(attempt, payment)
        case .refused(let code, let message):
            return flagSupervisor(attempt, "sale \(stored.id) was paid otherwise and the terminal refused to reverse receipt \(payment.terminalReceiptNumber) (\(String(format: "%02X", code)): \(message)); refund \(payment.amount.formattedAmount) to the customer")
        }
    }

    private func markNotCharged(_ attempt: CardAttempt, _ reason: String, terminalReceipt: String? = nil) -> CardRecovery {
        do throws(StoreError) {
            try store.recordCardNotCharged(attempt.reference, reason: reason, terminalReceipt: terminalReceipt, at: now())
        } catch {
            return .stillUnknown(attempt, reason: "the outcome could not be saved: \(error)")
        }
        return .notCharged(attempt)
    }

    private func flagSupervisor(_ attempt: CardAttempt, _ facts: String) -> CardRecovery {
        try? store.recordCardNeedsSupervisor(attempt.reference, facts: facts, at: now())
        return .needsSupervisor(attempt, facts: facts)
    }
}

/// What resolving an open card attempt came to.
public enum CardRecovery: Sendable, CustomStringConvertible {
    /// The card was charged and the sale is not stored yet: store it with this payment.
    case complete(CardAttempt, CardPayment)
    /// Nothing was charged.
    case notCharged(CardAttempt)
    /// The payment was given back on the terminal.
    case reversed(CardAttempt, CardPayment)
    /// Left for a supervisor, with the facts.
    case needsSupervisor(CardAttempt, facts: String)
    /// The terminal could not be asked yet; card payments wait until it can.
    case stillUnknown(CardAttempt, reason: String)

    /// For the operator's display.
    public var description: String {
        switch self {
        case .complete(let attempt, _):
            "Unanswered card payment of \(attempt.amount.formattedAmount) was approved: sale stored"
        case .notCharged(let attempt):
            "Unanswered card payment of \(attempt.amount.formattedAmount) did not go through: nothing charged"
        case .reversed(let attempt, _):
            "Card payment of \(attempt.amount.formattedAmount) given back: the sale was paid otherwise"
        case .needsSupervisor(let attempt, let facts):
            "Card payment of \(attempt.amount.formattedAmount) needs a supervisor: \(facts)"
        case .stillUnknown(let attempt, let reason):
            "Card payment of \(attempt.amount.formattedAmount) not resolved yet: \(reason)"
        }
    }
}

extension CardSaleDraft {
    /// What the card terminal is asked for.
    public var paymentRequest: PaymentRequest { PaymentRequest(amount: amount, reference: reference) }
}
