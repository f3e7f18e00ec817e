import ArgumentParser
import Foundation
import StandCore
import StandStore

/// `standctl refund` / `--void`: gives money back on a stored sale, approved by a supervisor.
struct RefundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refund",
        abstract: "Refund or void a stored sale, whole or one line, with a supervisor's approval.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The sale id printed on the receipt.")
    var saleID: String

    @Option(help: "Only this line (1 = the first line of the receipt).")
    var line: Int?

    @Option(help: "How many units of --line (default: all that are left).")
    var quantity: Int?

    @Option(help: "A smaller amount than what is refundable (goodwill).")
    var amount: String?

    @Flag(help: "A void (a mistake corrected at once) rather than a refund.")
    var void = false

    @Flag(help: "Put the ingredients back into stock.")
    var restock = false

    @Option(help: "The supervisor who approved it.")
    var supervisor: String

    @Option(help: "Why, in a few words.")
    var reason: String

    @Option(name: .customLong("operator"), help: "The operator recording it.")
    var operatorID: String = "standctl"

    func validate() throws {
        if quantity != nil, line == nil { throw ValidationError("--quantity goes with --line") }
    }

    func run() throws {
        guard let id = SaleID(saleID) else { throw CommandError("'\(saleID)' is not a sale id; copy it from the receipt or `standctl sales`") }
        let store = try store.openStore()
        guard let sale = try store.sale(id: id) else { throw StoreError.saleNotFound(id) }
        let previous = try store.refunds(ofSale: id)
        let scope: RefundScope
        if let line {
            guard sale.cart.lines.indices.contains(line - 1) else {
                throw CommandError("sale \(id) has lines 1 to \(sale.cart.lines.count), not \(line)")
            }
            let refunded = previous.filter { $0.scope.lineIndex == line - 1 }.reduce(0) { $0 + ($1.scope.quantity ?? 0) }
            scope = .line(index: line - 1, quantity: quantity ?? sale.cart.lines[line - 1].quantity - refunded)
        } else {
            scope = .wholeSale
        }
        let currency = sale.cart.currency
        let refund = try Refund.make(of: sale, kind: void ? .void : .refund, scope: scope,
                                     amount: try amount.map { try SaleCommand.money($0, currency, option: "--amount") },
                                     previous: previous, operatorID: OperatorID(operatorID),
                                     supervisorID: OperatorID(supervisor), reason: reason, createdAt: Date(),
                                     restock: restock)
        let entry = try store.commit(refund)
        print("\(void ? "Void" : "Refund") of \(refund.amount) on sale \(id) committed (journal #\(entry.sequence)); give the customer \(refund.amount).")
    }
}
