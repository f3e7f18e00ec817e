import StandCore
import StandHardware

/// The card terminal's end-of-day totals set against the card payments in the stand's sales of
/// the same period: equal, or the difference with the payments that make it.
public struct CardReconciliation: Hashable, Sendable {
    public let terminal: TerminalTotals
    public let standCount: Int
    public let standTotal: Money
    /// Stand card payments whose terminal receipt is outside the terminal's batch.
    public let missingOnTerminal: [(sale: SaleID, payment: CardPayment)]
    /// Terminal receipt numbers in the batch that no stand sale carries.
    public let missingAtStand: [Int]

    public init(terminal: TerminalTotals, sales: [Sale]) {
        self.terminal = terminal
        let payments = sales.flatMap { sale in
            sale.tenders.compactMap { tender -> (sale: SaleID, payment: CardPayment)? in
                if case .card(let payment) = tender { (sale.id, payment) } else { nil }
            }
        }
        standCount = payments.count
        standTotal = Money.sum(payments.map(\.payment.amount), terminal.total.currency)
        let numbers = Set(payments.compactMap { Int($0.payment.terminalReceiptNumber) })
        if let range = terminal.receipts {
            missingOnTerminal = payments.filter { Int($0.payment.terminalReceiptNumber).map { !range.contains($0) } ?? true }
            missingAtStand = range.filter { !numbers.contains($0) }
        } else {
            missingOnTerminal = []
            missingAtStand = []
        }
    }

    /// Same count, same total, and the same receipts.
    public var matches: Bool {
        standCount == terminal.count && standTotal == terminal.total && missingOnTerminal.isEmpty && missingAtStand.isEmpty
    }

    /// The lines printed under the Z report and logged.
    public var lines: [String] {
        var lines = ["CARD TERMINAL END OF DAY",
                     "Terminal: \(terminal.count) payments \(terminal.total.formattedAmount)",
                     "Stand:    \(standCount) payments \(standTotal.formattedAmount)"]
        guard !matches else { return lines + ["Card totals match"] }
        lines.append("MISMATCH: stand - terminal = \((standTotal - terminal.total).formattedAmount), \(standCount - terminal.count) payments")
        for (sale, payment) in missingOnTerminal {
            lines.append("Sale \(sale.rawValue.prefix(8)) receipt \(payment.terminalReceiptNumber) \(payment.amount.formattedAmount): not in the terminal's batch")
        }
        for receipt in missingAtStand {
            lines.append("Terminal receipt \(receipt): no sale at this stand")
        }
        return lines
    }

    public static func == (lhs: CardReconciliation, rhs: CardReconciliation) -> Bool { lhs.lines == rhs.lines }
    public func hash(into hasher: inout Hasher) { hasher.combine(lines) }
}
