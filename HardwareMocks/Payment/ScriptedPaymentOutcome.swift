import StandCore

/// What the mock card terminal does with the next authorization.
public enum ScriptedPaymentOutcome: Hashable, Sendable {
    /// The customer pays: a card of `brand` whose number ends in `lastDigits` (four digits).
    case approve(brand: CardBrand = .visa, lastDigits: String = "1234")
    /// The card or the bank says no.
    case decline(code: UInt8, message: String)
    /// The terminal never answers: `authorize` throws `.timeout` after `after`.
    case timeout(after: Duration)
    /// The customer presses stop.
    case customerCancel
    /// The terminal drops off the network: `authorize` throws `.disconnected` and the terminal
    /// stays unplugged until `plugIn()`.
    case offline
    /// The customer pays, then the answer is lost on the way back (cable pulled, power cut at
    /// the terminal): the card IS charged but `authorize` throws `.timeout`. Only
    /// `lastTransaction()` tells the stand.
    case approveButLoseAnswer(brand: CardBrand = .visa, lastDigits: String = "1234")
}
