import Foundation

/// A sale waiting for its card payment: everything needed to complete it once the terminal has
/// approved, kept durably before the terminal is asked, so that a payment approved just before a
/// crash still becomes the sale the customer paid for.
public struct CardSaleDraft: Hashable, Sendable, Codable {
    public let saleID: SaleID
    public let standID: StandID
    public let operatorID: OperatorID
    public let location: SaleLocation?
    public let cart: PricedCart
    /// The attempt's reference, unique per sale and attempt: "<sale id>-<attempt>".
    public let reference: String
    public let startedAt: Date

    public init(saleID: SaleID, standID: StandID, operatorID: OperatorID, location: SaleLocation?,
                cart: PricedCart, attempt: Int, startedAt: Date) {
        self.saleID = saleID
        self.standID = standID
        self.operatorID = operatorID
        self.location = location
        self.cart = cart
        self.reference = "\(saleID.rawValue)-\(attempt)"
        self.startedAt = startedAt
    }

    public var amount: Money { cart.total }

    /// The sale, paid in full with `payment`, completed at `completedAt`.
    public func sale(paidWith payment: CardPayment, completedAt: Date) throws(SaleError) -> Sale {
        try Sale.make(id: saleID, standID: standID, operatorID: operatorID, createdAt: completedAt,
                      location: location, cart: cart, tenders: [.card(payment)])
    }
}
