import StandCore

/// A semi-integrated card terminal: the card never touches the stand, which sends the amount and
/// reads back the result. ZVT over serial or TCP, or virtual. Prompts to the customer arrive as
/// `DeviceEvent.terminalPrompt`.
public protocol PaymentTerminal: Device {
    /// Asks the terminal to charge `request.amount`; returns when the customer is done.
    ///
    /// A thrown error marked `refusedBeforeStarting` means the terminal never got the request;
    /// any other error leaves the outcome unknown until `lastTransaction()` tells.
    func authorize(_ request: PaymentRequest) async throws(DeviceError) -> PaymentOutcome
    /// Asks the terminal to stop the authorization in progress.
    func abort() async
    /// The terminal's own record of its newest transaction (ZVT: repeat receipt), nil when it
    /// has none: how the stand learns what happened to a payment whose answer it lost.
    func lastTransaction() async throws(DeviceError) -> TerminalTransaction?
    /// Gives an approved payment back in full (ZVT: reversal by receipt number).
    func reverse(_ payment: CardPayment) async throws(DeviceError) -> ReversalOutcome
    /// Pays `amount` back to a card presented now, without the original payment (ZVT: refund).
    func refund(_ amount: Money) async throws(DeviceError) -> PaymentOutcome
    /// Closes the terminal's day and returns its totals since the last end of day.
    func endOfDay() async throws(DeviceError) -> TerminalTotals
}

/// One charge the stand asks for.
public struct PaymentRequest: Hashable, Sendable, Codable {
    public let amount: Money
    /// The stand's reference for this attempt (sale id and attempt number), for reconciliation.
    public let reference: String

    public init(amount: Money, reference: String) {
        self.amount = amount
        self.reference = reference
    }
}

/// How a card payment ended.
public enum PaymentOutcome: Hashable, Sendable, Codable {
    case approved(CardPayment)
    /// The card or the bank said no: `code` is the terminal's result code, `message` words for
    /// the operator.
    case declined(code: UInt8, message: String)
    /// The customer pressed stop on the terminal.
    case cancelledByCustomer
}

/// A transaction as the terminal remembers it.
public struct TerminalTransaction: Hashable, Sendable {
    /// The terminal's receipt number, when it printed one.
    public let receiptNumber: String?
    public let traceNumber: String?
    public let amount: Money?
    /// Approved (with the payment as it would have been reported) or declined.
    public let outcome: PaymentOutcome

    public init(receiptNumber: String?, traceNumber: String?, amount: Money?, outcome: PaymentOutcome) {
        self.receiptNumber = receiptNumber
        self.traceNumber = traceNumber
        self.amount = amount
        self.outcome = outcome
    }
}

/// How a reversal ended.
public enum ReversalOutcome: Hashable, Sendable {
    case reversed
    /// The terminal had reversed it already: the money is back either way.
    case alreadyReversed
    /// The terminal refused (`code` its result code): the payment stands.
    case refused(code: UInt8, message: String)
}

/// The terminal's totals at its end of day.
public struct TerminalTotals: Hashable, Sendable {
    public struct BrandTotal: Hashable, Sendable {
        public let brand: CardBrand
        public let count: Int
        public let amount: Money

        public init(brand: CardBrand, count: Int, amount: Money) {
            self.brand = brand
            self.count = count
            self.amount = amount
        }
    }

    public let total: Money
    public let count: Int
    /// The receipt numbers the batch covers, when the terminal reports them.
    public let receipts: ClosedRange<Int>?
    public let byBrand: [BrandTotal]

    public init(total: Money, count: Int, receipts: ClosedRange<Int>?, byBrand: [BrandTotal]) {
        self.total = total
        self.count = count
        self.receipts = receipts
        self.byBrand = byBrand
    }
}
