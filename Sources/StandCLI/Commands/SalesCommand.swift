import ArgumentParser
import Foundation
import StandCore
import StandStore

/// `standctl sales`: the stored sales in a time range, oldest first.
struct SalesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sales", abstract: "List the sales stored on this stand.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeRangeOptions

    func run() throws {
        let range = try time.range()
        let zone = try time.timeZone()
        let sales = try store.openStore().sales(from: range.lowerBound, to: range.upperBound)
        var table = TextTable([("time", .left), ("sale", .left), ("items", .right), ("total", .right),
                               ("paid with", .left), ("location", .left)])
        for sale in sales {
            table.append([
                SaleFormatter.timestamp(sale.createdAt, in: zone), sale.id.rawValue,
                String(sale.cart.lines.map(\.quantity).reduce(0, +)), sale.total.formattedAmount,
                sale.tenders.map(\.kindName).joined(separator: "+"), sale.location?.description ?? "",
            ])
        }
        print(table.render())
        let currency = sales.first?.cart.currency
        let sum = currency.map { c in Money.sum(sales.map(\.amountPaid), c).description } ?? "0"
        print("\(sales.count) sale\(sales.count == 1 ? "" : "s"), \(sum)")
    }
}
