import ArgumentParser
import Foundation
import StandCore
import StandStore

/// `standctl export --csv`: one CSV row per sale line, with its share of discounts and tax.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export sales as CSV (one row per sale line) to stdout or a file.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeRangeOptions

    @Flag(help: "Write CSV (the only format so far; required so a later format cannot change scripts' output).")
    var csv = false

    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
    var output: String?

    static let header = ["sale_id", "created_at_utc", "stand_id", "operator_id", "location", "line", "product_id", "name",
                         "modifiers", "quantity", "unit_price", "gross", "discount", "tax", "net", "paid", "currency",
                         "tax_mode", "tenders"]

    func validate() throws {
        guard csv else { throw ValidationError("say the format: --csv") }
    }

    func run() throws {
        let range = try time.range()
        let sales = try store.openStore().sales(from: range.lowerBound, to: range.upperBound)
        var writer = CSVWriter()
        writer.write(Self.header)
        for sale in sales {
            let tenders = sale.tenders.map { "\($0.kindName) \($0.amount.formattedAmount)" }.joined(separator: "; ")
            for figures in SaleLineFigures.allocate(sale.cart) {
                let line = sale.cart.lines[figures.lineIndex]
                writer.write([
                    sale.id.rawValue, Self.iso8601(sale.createdAt), sale.standID.rawValue, sale.operatorID.rawValue,
                    sale.location?.description ?? "", String(figures.lineIndex + 1), line.productID.rawValue, line.name,
                    line.modifiers.joined(separator: "; "), String(line.quantity), line.unitPrice.formattedAmount,
                    figures.gross.formattedAmount, figures.discount.formattedAmount, figures.tax.formattedAmount,
                    figures.net.formattedAmount, figures.paid.formattedAmount, sale.cart.currency.code,
                    sale.cart.taxMode.rawValue, tenders,
                ])
            }
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(writer.text.utf8)) else {
                throw CommandError("cannot write \(output): check that its directory exists and is writable")
            }
        } else {
            print(writer.text, terminator: "")
        }
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
