import ArgumentParser
import Foundation
import StandCore
import StandStore

/// `standctl report --by hour|day|product|location`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Sales figures grouped by hour, day, product or location.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeRangeOptions

    @Option(help: "Group by: \(ReportGrouping.allCases.map(\.rawValue).joined(separator: ", ")).")
    var by: ReportGrouping = .day

    func run() throws {
        let range = try time.range()
        let reports = try store.openStore().report(by: by, from: range.lowerBound, to: range.upperBound, timeZone: try time.timeZone())
        guard !reports.isEmpty else {
            print("No sales in this period.")
            return
        }
        for report in reports {
            var table = TextTable([(by.rawValue, .left), ("sales", .right), ("qty", .right), ("gross", .right),
                                   ("discounts", .right), ("tax", .right), ("net", .right)])
            for row in report.rows + [report.totals] {
                // A sale with several products counts in several product rows: no sum of sales there.
                let sales = by == .product && row.key == report.totals.key ? "" : String(row.saleCount)
                table.append([row.key, sales, String(row.quantity), row.gross.formattedAmount,
                              row.discounts.formattedAmount, row.tax.formattedAmount, row.net.formattedAmount])
            }
            print("Amounts in \(report.currency)")
            print(table.render())
        }
    }
}

extension ReportGrouping: ExpressibleByArgument {}
