import StandCore

/// How one card authorization ended, as the appliance reports it back to the terminal.
public enum CardResult: Hashable, Sendable {
    case approved(CardPayment)
    /// The card or the bank said no.
    case declined(code: UInt8, message: String)
    /// The customer pressed stop on the card terminal.
    case cancelledByCustomer
    /// The card terminal did not answer in time.
    case timedOut
    /// The card terminal could not be used (offline, broken); `reason` in the operator's words.
    case failed(reason: String)
}
