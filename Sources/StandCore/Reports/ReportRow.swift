/// One row of a sales report: the sales that fall under `key` and what they add up to.
public struct ReportRow: Hashable, Sendable, Codable {
    /// The group: a day, an hour, a product id or a location label (see `ReportGrouping`).
    public let key: String
    /// Number of distinct sales in the group.
    public let saleCount: Int
    /// Units sold.
    public let quantity: Int
    /// Line amounts before discounts.
    public let gross: Money
    public let discounts: Money
    public let tax: Money
    /// Revenue without tax (see `SaleLineFigures.net`).
    public let net: Money

    public init(key: String, saleCount: Int, quantity: Int, gross: Money, discounts: Money, tax: Money, net: Money) {
        self.key = key
        self.saleCount = saleCount
        self.quantity = quantity
        self.gross = gross
        self.discounts = discounts
        self.tax = tax
        self.net = net
    }
}
