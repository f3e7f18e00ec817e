import StandHardware

/// The short customer receipt the simulated terminal hands the ECR to print, 24 characters wide.
enum ZVTSimulatedReceipt {
    static let width = 24

    static func lines(for transaction: ZVTSimulatedTransaction, terminalID: String) -> [String] {
        let title = switch transaction.kind {
        case .payment: "PAYMENT"
        case .refund: "REFUND"
        case .reversal: "REVERSAL"
        }
        var lines = [
            "CUSTOMER COPY",
            "StandKit test terminal",
            columns("Terminal", terminalID),
            columns("Date \(twoDigits(transaction.date.day)).\(twoDigits(transaction.date.month)).",
                    "\(twoDigits(transaction.time.hour)):\(twoDigits(transaction.time.minute)):\(twoDigits(transaction.time.second))"),
            columns("Trace", zeroPadded(transaction.traceNumber, 6)),
            columns("Receipt", zeroPadded(transaction.receiptNumber, 4)),
        ]
        if let card = transaction.card {
            lines += [card.name, card.maskedPAN]
        }
        if let original = transaction.reversedReceiptNumber {
            lines.append(columns("of receipt", zeroPadded(original, 4)))
        }
        lines.append(columns(title, amount(transaction.amount, currency: transaction.currency)))
        lines.append(transaction.isApproved ? "APPROVED" : "DECLINED (\(hex(transaction.resultCode)))")
        return lines
    }

    /// "12.50 EUR"; another currency by its number.
    static func amount(_ minorUnits: Int64, currency: UInt16) -> String {
        let code = currency == 978 ? "EUR" : "#\(currency)"
        return "\(minorUnits / 100).\(twoDigits(Int(minorUnits % 100))) \(code)"
    }

    private static func columns(_ left: String, _ right: String) -> String {
        let gap = max(1, width - left.count - right.count)
        return left + String(repeating: " ", count: gap) + right
    }

    private static func twoDigits(_ value: Int) -> String {
        zeroPadded(value, 2)
    }

    static func zeroPadded(_ value: Int, _ count: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, count - digits.count)) + digits
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0" + digits : digits
    }
}
