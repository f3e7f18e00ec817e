import Foundation

/// Builds report rows from sales: rows sorted by key, figures summed per group from
/// `SaleLineFigures`, so every grouping adds up to the same totals.
///
/// Reports show sales as they were rung; refunds and voids are listed separately.
public struct SalesReport: Hashable, Sendable {
    public let grouping: ReportGrouping
    public let currency: Currency
    public private(set) var rows: [ReportRow]

    public init(grouping: ReportGrouping, currency: Currency, rows: [ReportRow] = []) {
        self.grouping = grouping
        self.currency = currency
        self.rows = rows
    }

    /// Groups `sales` (all in `currency`; others are skipped) with day and hour keys in `timeZone`.
    public static func build(_ sales: [Sale], by grouping: ReportGrouping, currency: Currency, timeZone: TimeZone) -> SalesReport {
        var builder = Builder(currency: currency)
        for sale in sales where sale.cart.currency == currency {
            for figures in SaleLineFigures.allocate(sale.cart) {
                let key: String = switch grouping {
                case .day, .hour: grouping.timeKey(for: sale.createdAt, in: timeZone) ?? ""
                case .product: figures.productID.rawValue
                case .location: ReportGrouping.locationKey(sale.location)
                }
                builder.add(key: key, saleID: sale.id.rawValue, figures: figures)
            }
        }
        return SalesReport(grouping: grouping, currency: currency, rows: builder.rows())
    }

    /// The sum of all rows (sale count counts each sale once only for time and location groupings,
    /// where a sale falls in exactly one row).
    public var totals: ReportRow {
        ReportRow(key: "total", saleCount: rows.reduce(0) { $0 + $1.saleCount }, quantity: rows.reduce(0) { $0 + $1.quantity },
                  gross: Money.sum(rows.map(\.gross), currency), discounts: Money.sum(rows.map(\.discounts), currency),
                  tax: Money.sum(rows.map(\.tax), currency), net: Money.sum(rows.map(\.net), currency))
    }

    /// Accumulates line figures under keys; used by `build` and by stores that read figures
    /// straight from their tables.
    public struct Builder: Sendable {
        private let currency: Currency
        private var groups: [String: Group] = [:]

        private struct Group: Sendable {
            var sales: Set<String> = []
            var quantity = 0
            var gross: Int64 = 0, discounts: Int64 = 0, tax: Int64 = 0, net: Int64 = 0
        }

        public init(currency: Currency) { self.currency = currency }

        public mutating func add(key: String, saleID: String, figures: SaleLineFigures) {
            add(key: key, saleID: saleID, quantity: figures.quantity, gross: figures.gross.cents,
                discount: figures.discount.cents, tax: figures.tax.cents, net: figures.net.cents)
        }

        /// Adds one line's figures, in minor units of the builder's currency.
        public mutating func add(key: String, saleID: String, quantity: Int, gross: Int64, discount: Int64, tax: Int64, net: Int64) {
            var group = groups[key, default: Group()]
            group.sales.insert(saleID)
            group.quantity += quantity
            group.gross += gross
            group.discounts += discount
            group.tax += tax
            group.net += net
            groups[key] = group
        }

        public func rows() -> [ReportRow] {
            groups.sorted { $0.key < $1.key }.map { key, group in
                ReportRow(key: key, saleCount: group.sales.count, quantity: group.quantity,
                          gross: Money(cents: group.gross, currency), discounts: Money(cents: group.discounts, currency),
                          tax: Money(cents: group.tax, currency), net: Money(cents: group.net, currency))
            }
        }
    }
}
