import Foundation

/// A completed sale: what was bought (the priced cart), how it was paid, and the change given.
///
/// Built only through `Sale.make`, which refuses any sale whose payments do not add up; decoding
/// checks the same rules, so a `Sale` value always satisfies
/// `tendered − change == total + cashRounding`.
public struct Sale: Hashable, Sendable, Codable {
    public let id: SaleID
    public let standID: StandID
    /// When the sale was completed, to the millisecond.
    public let createdAt: Date
    public let operatorID: OperatorID
    public let location: SaleLocation?
    /// The known customer who identified themselves (loyalty card, app), if any.
    public let customerID: CustomerID?
    public let cart: PricedCart
    /// One tender, or several for a split tender, in the order they were taken.
    public let tenders: [Tender]
    /// What cash rounding added to (positive) or took off (negative) the amount due: 3.48 CHF paid
    /// in cash with 0.05 rounding is 3.50, so `cashRounding` is +0.02. Zero without cash rounding.
    public let cashRounding: Money
    /// Cash handed back to the customer.
    public let change: Money

    /// The priced total of the cart.
    public var total: Money { cart.total }
    /// What the customer actually paid: the total plus the cash rounding difference.
    public var amountPaid: Money { cart.total + cashRounding }
    /// Sum of all tenders as handed over, before change.
    public var tendered: Money { Money.sum(tenders.map(\.amount), cart.currency) }

    private init(id: SaleID, standID: StandID, createdAt: Date, operatorID: OperatorID, location: SaleLocation?,
                 customerID: CustomerID?, cart: PricedCart, tenders: [Tender], cashRounding: Money, change: Money) {
        self.id = id
        self.standID = standID
        self.createdAt = createdAt
        self.operatorID = operatorID
        self.location = location
        self.customerID = customerID
        self.cart = cart
        self.tenders = tenders
        self.cashRounding = cashRounding
        self.change = change
    }

    /// Builds a sale after checking that the cart is non-empty, every amount is positive and in the
    /// cart's currency, the payments cover the total, only cash exceeds what is due, and each
    /// internal credit charge fits the account's available balance.
    ///
    /// - Parameters:
    ///   - createdAt: truncated to whole milliseconds, the precision the journal keeps.
    ///   - cashRounding: rounds the part paid in cash to the smallest coin; only applies when a
    ///     cash tender is present.
    ///   - creditAvailable: the available balance of each credit account charged; an account
    ///     missing here has nothing available.
    public static func make(id: SaleID = SaleID(), standID: StandID, operatorID: OperatorID, createdAt: Date,
                            location: SaleLocation? = nil, customer: CustomerID? = nil, cart: PricedCart, tenders: [Tender],
                            cashRounding: CashRounding? = nil,
                            creditAvailable: [CreditAccountID: Money] = [:]) throws(SaleError) -> Sale {
        try checkCart(cart)
        let split = try checkTenders(tenders, cart: cart)
        let currency = cart.currency
        if let rounding = cashRounding, rounding.increment.currency != currency {
            throw .currencyMismatch(expected: currency, found: rounding.increment.currency)
        }
        let total = cart.total
        guard split.nonCash <= total else { throw .nonCashOverpayment(due: total, nonCash: split.nonCash) }
        let hasCash = tenders.contains(where: \.isCash)
        let cashDue = total - split.nonCash
        let roundedCashDue = hasCash ? (cashRounding?.round(cashDue) ?? cashDue) : cashDue
        let roundingDifference = roundedCashDue - cashDue
        guard split.cash >= roundedCashDue else {
            throw .tendersDoNotCoverTotal(due: total + roundingDifference, tendered: split.cash + split.nonCash)
        }
        var charged: [CreditAccountID: Money] = [:]
        for case .internalCredit(let account, let amount) in tenders {
            charged[account, default: .zero(currency)] += amount
        }
        for (account, amount) in charged.sorted(by: { $0.key < $1.key }) {
            let available = creditAvailable[account] ?? .zero(currency)
            guard available.currency == currency else { throw .currencyMismatch(expected: currency, found: available.currency) }
            guard amount <= available else { throw .insufficientCredit(account: account, available: available, requested: amount) }
        }
        let milliseconds = JournalPayload.milliseconds(since1970: createdAt)
        return Sale(id: id, standID: standID, createdAt: JournalPayload.date(milliseconds: milliseconds),
                    operatorID: operatorID, location: location, customerID: customer, cart: cart, tenders: tenders,
                    cashRounding: roundingDifference, change: split.cash - roundedCashDue)
    }

    private static func checkCart(_ cart: PricedCart) throws(SaleError) {
        guard !cart.lines.isEmpty else { throw .emptyCart }
        let amounts = cart.lines.flatMap { [$0.unitPrice, $0.amount] } + cart.discounts.map(\.amount)
            + cart.taxes.flatMap { [$0.base, $0.amount] }
        if let other = amounts.first(where: { $0.currency != cart.currency }) {
            throw .currencyMismatch(expected: cart.currency, found: other.currency)
        }
        guard !cart.total.isNegative else { throw .negativeTotal(cart.total) }
    }

    private static func checkTenders(_ tenders: [Tender], cart: PricedCart) throws(SaleError) -> (cash: Money, nonCash: Money) {
        let currency = cart.currency
        guard !tenders.isEmpty || cart.total.isZero else { throw .noTender }
        var cash = Money.zero(currency)
        var nonCash = Money.zero(currency)
        for (index, tender) in tenders.enumerated() {
            let amount = tender.amount
            guard amount.currency == currency else { throw .currencyMismatch(expected: currency, found: amount.currency) }
            guard amount.cents > 0 else { throw .nonPositiveAmount(tenderIndex: index, amount: amount) }
            switch tender {
            case .cash:
                cash += amount
            case .card(let payment):
                if payment.terminalReceiptNumber.trimmingWhitespace().isEmpty {
                    throw .missingReference(tenderIndex: index, field: "terminal receipt number")
                }
                if payment.traceNumber.trimmingWhitespace().isEmpty {
                    throw .missingReference(tenderIndex: index, field: "trace number")
                }
                nonCash += amount
            case .appPrepaid(_, let token):
                if token.trimmingWhitespace().isEmpty { throw .missingReference(tenderIndex: index, field: "order token id") }
                nonCash += amount
            case .internalCredit(let account, _):
                if account.rawValue.trimmingWhitespace().isEmpty { throw .missingReference(tenderIndex: index, field: "credit account id") }
                nonCash += amount
            }
        }
        return (cash, nonCash)
    }

    private enum CodingKeys: String, CodingKey {
        case id, standID, createdAt, operatorID, location, customerID, cart, tenders, cashRounding, change
    }

    /// Decodes a stored sale and checks it against the same rules as `make` (credit balances
    /// excepted: they belong to the moment of the sale).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let cart = try container.decode(PricedCart.self, forKey: .cart)
        let tenders = try container.decode([Tender].self, forKey: .tenders)
        let cashRounding = try container.decode(Money.self, forKey: .cashRounding)
        let change = try container.decode(Money.self, forKey: .change)
        try Self.checkCart(cart)
        let split = try Self.checkTenders(tenders, cart: cart)
        let currency = cart.currency
        guard cashRounding.currency == currency, change.currency == currency else {
            throw SaleError.currencyMismatch(expected: currency, found: cashRounding.currency == currency ? change.currency : cashRounding.currency)
        }
        guard split.nonCash <= cart.total else { throw SaleError.nonCashOverpayment(due: cart.total, nonCash: split.nonCash) }
        guard !change.isNegative, change <= split.cash,
              split.cash + split.nonCash - change == cart.total + cashRounding else {
            throw SaleError.inconsistentSale("payments, change and cash rounding do not add up to the total")
        }
        self.init(id: try container.decode(SaleID.self, forKey: .id),
                  standID: try container.decode(StandID.self, forKey: .standID),
                  createdAt: try container.decode(Date.self, forKey: .createdAt),
                  operatorID: try container.decode(OperatorID.self, forKey: .operatorID),
                  location: try container.decodeIfPresent(SaleLocation.self, forKey: .location),
                  customerID: try container.decodeIfPresent(CustomerID.self, forKey: .customerID),
                  cart: cart, tenders: tenders, cashRounding: cashRounding, change: change)
    }
}
