/// One way the customer paid part of a sale. Several tenders on one sale are a split tender.
///
/// Only cash can exceed what is due (the drawer gives change); every amount is positive and in
/// the sale's currency. `Sale.make` checks all of that.
public enum Tender: Hashable, Sendable, Codable {
    /// Cash handed over by the customer; the sale computes the change.
    case cash(given: Money)
    /// An authorised card payment; the card number is only ever kept masked.
    case card(CardPayment)
    /// Paid in advance in the customer app; `orderTokenID` identifies the redeemed order token.
    case appPrepaid(amount: Money, orderTokenID: String)
    /// Charged to an internal credit account (employee meal allowance).
    case internalCredit(account: CreditAccountID, amount: Money)

    /// The amount this tender hands over (for cash: what was given, before change).
    public var amount: Money {
        switch self {
        case .cash(let given): given
        case .card(let payment): payment.amount
        case .appPrepaid(let amount, _): amount
        case .internalCredit(_, let amount): amount
        }
    }

    /// "cash", "card", "app-prepaid", "internal-credit": the name stored and reported.
    public var kindName: String {
        switch self {
        case .cash: "cash"
        case .card: "card"
        case .appPrepaid: "app-prepaid"
        case .internalCredit: "internal-credit"
        }
    }

    public var isCash: Bool {
        if case .cash = self { return true }
        return false
    }
}
