/// Why a sale, a tender or a refund was refused. Descriptions are in the operator's words and say
/// what to do.
public enum SaleError: Error, Hashable, Sendable, CustomStringConvertible {
    case emptyCart
    case negativeTotal(Money)
    case currencyMismatch(expected: Currency, found: Currency)
    case nonPositiveAmount(tenderIndex: Int, amount: Money)
    case noTender
    case tendersDoNotCoverTotal(due: Money, tendered: Money)
    case nonCashOverpayment(due: Money, nonCash: Money)
    case unmaskedCardNumber
    case invalidMaskedPAN(reason: String)
    case missingReference(tenderIndex: Int, field: String)
    case insufficientCredit(account: CreditAccountID, available: Money, requested: Money)
    case invalidCashRoundingIncrement(Money)
    case invalidLocation(latitude: Double, longitude: Double)
    case emptyLocationName
    case inconsistentSale(String)
    // Refunds and voids
    case refundForAnotherSale(expected: SaleID, found: SaleID)
    case saleAlreadyVoided(SaleID)
    case nothingLeftToRefund(SaleID)
    case refundExceedsRemaining(requested: Money, remaining: Money)
    case noSuchLine(index: Int, lineCount: Int)
    case lineQuantityExceeded(index: Int, requested: Int, remaining: Int)
    case missingRefundReason

    public var description: String {
        switch self {
        case .emptyCart:
            "The cart is empty. Add at least one product before taking payment."
        case .negativeTotal(let total):
            "The cart total is \(total), below zero. Remove discounts until the total is zero or more."
        case .currencyMismatch(let expected, let found):
            "An amount is in \(found) but the sale is in \(expected). Enter every amount in \(expected)."
        case .nonPositiveAmount(let index, let amount):
            "Payment \(index + 1) is \(amount). Every payment must be more than zero; remove it or correct the amount."
        case .noTender:
            "No payment was given. Take cash, card, app or credit payment before completing the sale."
        case .tendersDoNotCoverTotal(let due, let tendered):
            "Payments of \(tendered) do not cover the \(due) due. Take \(due - tendered) more."
        case .nonCashOverpayment(let due, let nonCash):
            "Card, app and credit payments of \(nonCash) exceed the \(due) due; only cash can be overpaid. Reduce the non-cash amount."
        case .unmaskedCardNumber:
            "That looks like a full card number. StandKit stores only the masked number (first 6 and last 4 digits at most); use the masked number from the terminal receipt."
        case .invalidMaskedPAN(let reason):
            "The masked card number is not valid: \(reason). Use the masked number exactly as the terminal reports it."
        case .missingReference(let index, let field):
            "Payment \(index + 1) lacks its \(field). Enter it from the terminal or the customer's order."
        case .insufficientCredit(let account, let available, let requested):
            "Credit account \(account) has \(available) left, less than the \(requested) asked. Charge at most \(available) and take the rest another way."
        case .invalidCashRoundingIncrement(let increment):
            "Cash rounding to \(increment) is impossible; the smallest coin must be more than zero. Fix the stand configuration."
        case .invalidLocation(let latitude, let longitude):
            "The GPS position \(latitude), \(longitude) is outside the earth's coordinates. Check the GPS receiver or pick a named spot."
        case .emptyLocationName:
            "The location name is empty. Pick a named spot or leave the location out."
        case .inconsistentSale(let detail):
            "The stored sale is inconsistent: \(detail). Restore the sale from a backup or the fleet server."
        case .refundForAnotherSale(let expected, let found):
            "The refund belongs to sale \(found), not \(expected). Refund against the sale the customer paid."
        case .saleAlreadyVoided(let id):
            "Sale \(id) was voided already; nothing can be refunded or voided again."
        case .nothingLeftToRefund(let id):
            "Sale \(id) has been refunded in full already; nothing is left to refund."
        case .refundExceedsRemaining(let requested, let remaining):
            "A refund of \(requested) is more than the \(remaining) still refundable. Refund at most \(remaining)."
        case .noSuchLine(let index, let count):
            "The sale has \(count) line(s); line \(index + 1) does not exist. Choose a line of this sale."
        case .lineQuantityExceeded(let index, let requested, let remaining):
            "Line \(index + 1) has \(remaining) unit(s) left to refund, fewer than the \(requested) asked. Refund at most \(remaining)."
        case .missingRefundReason:
            "A refund or void needs a reason. Ask the supervisor for the reason and enter it."
        }
    }
}
