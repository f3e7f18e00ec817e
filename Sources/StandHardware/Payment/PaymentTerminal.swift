import StandCore

/// A semi-integrated card terminal: the card never touches the stand, which sends the amount and
/// reads back the result. ZVT over serial or TCP, or virtual. Prompts to the customer arrive as
/// `DeviceEvent.terminalPrompt`.
public protocol PaymentTerminal: Device {
    /// Asks the terminal to charge `request.amount`; returns when the customer is done.
    func authorize(_ request: PaymentRequest) async throws(DeviceError) -> PaymentOutcome
    /// Asks the terminal to stop the authorization in progress.
    func abort() async
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
