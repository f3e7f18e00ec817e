import Foundation
import StandCore
import StandHardware
import StandStore

/// The X and Z till reports: what the stand sold in a period (the open shift, or since the last
/// shift closed), by product and by tender, with refunds and the cash the drawer should hold.
/// Printed on the receipt printer; its text is also what the tests read back.
public struct TillReport: Hashable, Sendable {
    public let kind: ReportKind
    public let standID: StandID
    public let from: Date
    public let to: Date
    public let byProduct: SalesReport
    public let saleCount: Int
    public let total: Money
    public let cashTaken: Money
    public let cardTaken: Money
    public let otherTaken: Money
    public let refunded: Money
    /// The float of the shift the report covers, if one was open.
    public let float: Money?
    /// Float + cash taken − cash refunded.
    public let expectedCash: Money
    /// The cash counted in the drawer when the shift was closed with a count.
    public let counted: Money?
    public let printedBy: OperatorID

    /// Builds the report from the sales and refunds of `[from, to)`.
    public init(kind: ReportKind, standID: StandID, from: Date, to: Date, sales: [Sale], refunds: [Refund], float: Money?,
                counted: Money? = nil, currency: Currency, timeZone: TimeZone, printedBy: OperatorID) {
        self.kind = kind
        self.standID = standID
        self.from = from
        self.to = to
        self.printedBy = printedBy
        self.float = float
        self.counted = counted
        byProduct = SalesReport.build(sales, by: .product, currency: currency, timeZone: timeZone)
        saleCount = sales.count
        var cash = Money.zero(currency)
        var card = Money.zero(currency)
        var other = Money.zero(currency)
        var total = Money.zero(currency)
        for sale in sales {
            total += sale.amountPaid
            var changeLeft = sale.change
            for tender in sale.tenders {
                switch tender {
                case .cash(let given):
                    let kept = given - min(given, changeLeft)
                    changeLeft -= min(given, changeLeft)
                    cash += kept
                case .card(let payment): card += payment.amount
                case .appPrepaid, .internalCredit: other += tender.amount
                }
            }
        }
        self.total = total
        cashTaken = cash
        cardTaken = card
        otherTaken = other
        refunded = Money.sum(refunds.map(\.amount), currency)
        expectedCash = (float ?? .zero(currency)) + cash - refunded
    }

    /// The report as printed lines of `columns` characters.
    public func lines(columns: Int, timeZone: TimeZone) -> [String] {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        func row(_ left: String, _ right: String) -> String {
            let room = max(1, columns - right.count - 1)
            let cut = String(left.prefix(room))
            return cut + String(repeating: " ", count: max(1, columns - cut.count - right.count)) + right
        }
        var lines = [
            kind == .x ? "X REPORT (shift so far)" : "Z REPORT (shift closed)",
            "Stand \(standID)",
            "From \(formatter.string(from: from))",
            "To   \(formatter.string(from: to))",
            "By   \(printedBy)",
            String(repeating: "-", count: columns),
        ]
        for item in byProduct.rows {
            lines.append(row("\(item.quantity) x \(item.key)", item.gross.formattedAmount))
        }
        let totals = byProduct.totals
        lines += [
            String(repeating: "-", count: columns),
            row("Sales", "\(saleCount)"),
            row("Gross", totals.gross.formattedAmount),
            row("Discounts", totals.discounts.formattedAmount),
            row("Tax", totals.tax.formattedAmount),
            row("Total taken", total.formattedAmount),
            row("  cash", cashTaken.formattedAmount),
            row("  card", cardTaken.formattedAmount),
            row("  other", otherTaken.formattedAmount),
            row("Refunds", refunded.formattedAmount),
        ]
        if let float { lines.append(row("Float", float.formattedAmount)) }
        lines.append(row("Expected in drawer", expectedCash.formattedAmount))
        if let counted {
            lines.append(row("Counted", counted.formattedAmount))
            lines.append(row("Difference", (counted - expectedCash).formattedAmount))
        }
        return lines
    }

    /// The report as one ESC/POS job.
    public func escPos(paper: PaperWidth, timeZone: TimeZone) -> [UInt8] {
        var job = EscPosEncoder()
        job.initialize(codePage: .cp858)
        job.setBold(true)
        var first = true
        for line in lines(columns: paper.columns, timeZone: timeZone) {
            job.line(line)
            if first { job.setBold(false); first = false }
        }
        job.feed(lines: 3)
        job.cut(.partial)
        return job.bytes
    }
}
