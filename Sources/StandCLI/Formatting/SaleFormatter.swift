import Foundation
import StandCore

/// Text renderings of sales for the terminal.
enum SaleFormatter {
    /// A receipt-like summary: lines, each discount with its reason, taxes, tenders, change.
    static func receipt(_ sale: Sale, journalSequence: Int64) -> String {
        var out: [String] = ["Sale \(sale.id) committed (journal #\(journalSequence), \(timestamp(sale.createdAt)))"]
        for line in sale.cart.lines {
            let modifiers = line.modifiers.isEmpty ? "" : " (\(line.modifiers.joined(separator: ", ")))"
            out.append(row("\(line.quantity) × \(line.name)\(modifiers)", line.amount))
        }
        for discount in sale.cart.discounts {
            out.append(row("  \(discount.reason)", -discount.amount))
        }
        out.append(row("TOTAL", sale.total))
        for tax in sale.cart.taxes {
            let label = sale.cart.taxMode == .inclusive ? "incl." : "plus"
            out.append(row("  \(label) \(percent(tax.rateBasisPoints)) tax on \(tax.base.formattedAmount)", tax.amount))
        }
        for tender in sale.tenders {
            out.append(row("  paid \(tenderLabel(tender))", tender.amount))
        }
        if !sale.cashRounding.isZero { out.append(row("  cash rounding", sale.cashRounding)) }
        if !sale.change.isZero { out.append(row("CHANGE", sale.change)) }
        return out.joined(separator: "\n")
    }

    static func tenderLabel(_ tender: Tender) -> String {
        switch tender {
        case .cash: "cash"
        case .card(let payment): "card \(payment.brand.rawValue) \(payment.maskedPAN)"
        case .appPrepaid(_, let token): "app order \(token)"
        case .internalCredit(let account, _): "credit \(account)"
        }
    }

    static func percent(_ basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100) %" : "\(basisPoints / 100).\(String(format: "%02d", basisPoints % 100)) %"
    }

    /// "2026-11-23 14:05:09 UTC" style in the given zone.
    static func timestamp(_ date: Date, in zone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss zzz"
        return formatter.string(from: date)
    }

    private static func row(_ label: String, _ amount: Money) -> String {
        let value = amount.formattedAmount
        let width = max(1, 48 - label.count - value.count)
        return label + String(repeating: " ", count: width) + value
    }
}
