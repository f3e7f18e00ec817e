import Foundation
import StandCore

/// Lays a `Receipt` out for one paper width and turns it into an ESC/POS job.
///
/// Font A: 58 mm paper holds 32 columns (384 dots), 80 mm 48 columns (576 dots). From top to
/// bottom: COPY marker (reprints), logo, header (centered), receipt number, time, operator and
/// sale id, the lines (name and amount right aligned with its tax letter, modifiers, `qty x unit`),
/// subtotal, every discount with its reason, tax added (tax-exclusive mode), TOTAL (bold, double
/// height), cash rounding and amount due, tenders, change, the tax summary per rate (net, tax,
/// gross), footer (centered), QR code, COPY marker, partial cut.
///
/// `plainText(_:)` is the same receipt as the lines a printer reading the job back shows, so a
/// test can compare a virtual printer's output with it line by line.
public struct ReceiptLayout: Hashable, Sendable {
    public let width: PaperWidth
    /// The code page text is printed in; nil picks `CodePage.best(for:)` over all the receipt's text.
    public let codePage: CodePage?
    /// QR module size in dots.
    public static let qrModuleSize = 6
    /// Dots fed past the print line before the partial cut.
    public static let cutFeed: UInt8 = 24

    public init(width: PaperWidth, codePage: CodePage? = nil) {
        self.width = width
        self.codePage = codePage
    }

    /// The ESC/POS job: `ESC @ ESC R 0 ESC t n`, the receipt, `GS V 66 n`. Throws when the logo
    /// is wider than the paper or the QR payload too long.
    public func encode(_ receipt: Receipt) throws(EscPosError) -> [UInt8] {
        let page = codePage(for: receipt)
        var job = EscPosEncoder()
        job.initialize(codePage: page)
        var alignment = EscPosEncoder.Alignment.left
        var bold = false
        var tall = false
        func set(_ newAlignment: EscPosEncoder.Alignment) {
            if newAlignment != alignment { job.setAlignment(newAlignment); alignment = newAlignment }
        }
        for block in blocks(receipt, page: page) {
            switch block {
            case .text(let text, let lineAlignment, let lineBold, let lineTall):
                set(lineAlignment)
                if lineBold != bold { job.setBold(lineBold); bold = lineBold }
                if lineTall != tall { try job.setCharacterSize(width: 1, height: lineTall ? 2 : 1); tall = lineTall }
                job.line(text)
            case .image(let bitmap):
                set(.center)
                try job.rasterImage(bitmap, paperDots: width.dots)
            case .qr(let payload):
                set(.center)
                try job.qrCode(payload, moduleSize: Self.qrModuleSize, errorCorrection: .medium)
            }
        }
        job.cut(.partial, feed: Self.cutFeed)
        return job.bytes
    }

    /// The receipt as the text lines a printer prints: alignment applied with spaces, trailing
    /// spaces removed, text in the code page's characters, `[IMAGE w x h]` and `[QR]` for graphics.
    public func plainText(_ receipt: Receipt) -> [String] {
        blocks(receipt, page: codePage(for: receipt)).map { $0.plainText(columns: width.columns) }
    }

    /// The code page the receipt is printed in.
    public func codePage(for receipt: Receipt) -> CodePage {
        if let codePage { return codePage }
        let texts = [receipt.header.standName, receipt.header.taxID ?? "", receipt.operatorName ?? "", receipt.qrPayload ?? ""]
            + receipt.header.addressLines + receipt.footerLines + receipt.sale.cart.lines.flatMap { [$0.name] + $0.modifiers }
            + receipt.sale.cart.discounts.map(\.reason) + labelTexts(receipt.labels)
        return CodePage.best(for: texts.joined(separator: " "))
    }

    private func labelTexts(_ labels: ReceiptLabels) -> [String] {
        [labels.receiptNumber, labels.operatorName, labels.sale, labels.taxID, labels.subtotal, labels.tax, labels.total,
         labels.cashRounding, labels.amountDue, labels.cash, labels.card, labels.appPrepaid, labels.credit, labels.change,
         labels.taxRate, labels.taxNet, labels.taxAmount, labels.taxGross, labels.copy]
    }

    // MARK: - Layout

    func blocks(_ receipt: Receipt, page: CodePage) -> [ReceiptBlock] {
        var builder = Builder(columns: width.columns, page: page)
        let sale = receipt.sale
        let cart = sale.cart
        let labels = receipt.labels

        if receipt.isCopy { builder.copyMarker(labels.copy) }
        if let logo = receipt.logo { builder.blocks.append(.image(logo)) }
        builder.centered(receipt.header.standName, bold: true, tall: true)
        for line in receipt.header.addressLines { builder.centered(line) }
        if let taxID = receipt.header.taxID { builder.centered("\(labels.taxID) \(taxID)") }
        builder.separator()

        let time = Self.timestamp(sale.createdAt, in: receipt.timeZone)
        if let sequence = receipt.journalSequence {
            builder.row("\(labels.receiptNumber) \(sequence)", time)
        } else {
            builder.text(time)
        }
        builder.text("\(labels.operatorName): \(receipt.operatorName ?? sale.operatorID.rawValue)")
        builder.text("\(labels.sale) \(sale.id.rawValue)")
        builder.separator()

        let letters = Dictionary(cart.taxes.enumerated().map { ($1.taxClass, Self.taxLetter($0)) }, uniquingKeysWith: { first, _ in first })
        for line in cart.lines {
            let letter = letters[line.taxClass].map { " \($0)" } ?? ""
            builder.row(line.name, line.amount.formattedAmount + letter)
            for modifier in line.modifiers {
                builder.indented("+ " + modifier, indent: 4, first: "  ")
            }
            if line.quantity != 1 {
                builder.indented("\(line.quantity) x \(line.unitPrice.formattedAmount)", indent: 2, first: "  ")
            }
        }
        builder.separator()

        builder.row(labels.subtotal, cart.subtotal.formattedAmount)
        for discount in cart.discounts {
            builder.row(discount.reason, (-discount.amount).formattedAmount)
        }
        if cart.taxMode == .exclusive {
            builder.row(labels.tax, cart.taxTotal.formattedAmount)
        }
        builder.row("\(labels.total) \(cart.currency.code)", sale.total.formattedAmount, bold: true, tall: true)
        if !sale.cashRounding.isZero {
            builder.row(labels.cashRounding, Self.signed(sale.cashRounding))
            builder.row(labels.amountDue, sale.amountPaid.formattedAmount)
        }
        for tender in sale.tenders {
            builder.row(Self.tenderName(tender, labels), tender.amount.formattedAmount)
        }
        if sale.tenders.contains(where: \.isCash) {
            builder.row(labels.change, sale.change.formattedAmount)
        }

        if !cart.taxes.isEmpty {
            builder.separator()
            builder.taxTable(cart.taxes, labels: labels)
        }

        if !receipt.footerLines.isEmpty {
            builder.separator()
            for line in receipt.footerLines { builder.centered(line) }
        }
        if let payload = receipt.qrPayload {
            builder.blank()
            builder.blocks.append(.qr(payload))
            if payload != sale.id.rawValue {
                for line in TextWrapper(width: width.columns).wrap(page.transliterate(payload)) {
                    builder.blocks.append(.text(line, alignment: .center))
                }
            }
        }
        if receipt.isCopy { builder.copyMarker(labels.copy) }
        return builder.blocks
    }

    /// "A", "B", … for the tax rates in the cart's order.
    static func taxLetter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(65 + index % 26)))
    }

    /// "19%", "7.5%", "0%".
    static func rateText(_ basisPoints: Int) -> String {
        var text = String(basisPoints / 100)
        let fraction = basisPoints % 100
        if fraction != 0 {
            text += "." + (fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction))
        }
        return text + "%"
    }

    static func signed(_ amount: Money) -> String {
        amount.isNegative ? amount.formattedAmount : "+" + amount.formattedAmount
    }

    static func tenderName(_ tender: Tender, _ labels: ReceiptLabels) -> String {
        switch tender {
        case .cash: labels.cash
        case .card(let payment): "\(labels.card) \(payment.brand.rawValue.uppercased()) \(payment.maskedPAN.value)"
        case .appPrepaid: labels.appPrepaid
        case .internalCredit(let account, _): "\(labels.credit) \(account.rawValue)"
        }
    }

    /// "2025-05-14 12:30" in the stand's time zone.
    static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }
}

extension ReceiptLayout {
    /// Accumulates blocks, transliterating every text to the page before measuring it.
    struct Builder {
        let columns: Int
        let page: CodePage
        var blocks: [ReceiptBlock] = []

        init(columns: Int, page: CodePage) {
            self.columns = columns
            self.page = page
        }

        private var wrapper: TextWrapper { TextWrapper(width: columns) }

        mutating func text(_ text: String, bold: Bool = false, tall: Bool = false) {
            for line in wrapper.wrap(page.transliterate(text)) {
                blocks.append(.text(line, bold: bold, tall: tall))
            }
        }

        mutating func blank() { blocks.append(.text("")) }

        mutating func centered(_ text: String, bold: Bool = false, tall: Bool = false) {
            for line in wrapper.wrap(page.transliterate(text)) {
                blocks.append(.text(line, alignment: .center, bold: bold, tall: tall))
            }
        }

        mutating func indented(_ text: String, indent: Int, first: String) {
            for line in wrapper.wrap(page.transliterate(text), firstIndent: first, indent: indent) {
                blocks.append(.text(line))
            }
        }

        mutating func separator() {
            blocks.append(.text(String(repeating: "-", count: columns)))
        }

        mutating func copyMarker(_ word: String) {
            centered("*** \(word) ***", bold: true, tall: true)
        }

        /// `left` and `right` on one line with `right` flush right; when they do not fit, `left`
        /// wraps beside `right` (or above it, when `right` would leave `left` less than half the line).
        mutating func row(_ left: String, _ right: String, bold: Bool = false, tall: Bool = false) {
            let left = page.transliterate(left)
            let right = page.transliterate(right)
            if left.count + 1 + right.count <= columns {
                blocks.append(.text(left + String(repeating: " ", count: columns - left.count - right.count) + right,
                                    bold: bold, tall: tall))
                return
            }
            let leftWidth = columns - right.count - 1
            guard leftWidth >= columns / 2 else {
                text(left, bold: bold, tall: tall)
                for line in wrapper.wrap(right) {
                    blocks.append(.text(String(repeating: " ", count: columns - line.count) + line, bold: bold, tall: tall))
                }
                return
            }
            let lines = TextWrapper(width: leftWidth).wrap(left)
            for (index, line) in lines.enumerated() {
                let text = index == 0 ? line + String(repeating: " ", count: columns - line.count - right.count) + right : line
                blocks.append(.text(text, bold: bold, tall: tall))
            }
        }

        /// Rate, net, tax and gross per rate in four columns; each rate stacked on four lines when
        /// the amounts are too wide for the columns.
        mutating func taxTable(_ taxes: [TaxLine], labels: ReceiptLabels) {
            let rows = taxes.enumerated().map { index, tax in
                (rate: page.transliterate("\(ReceiptLayout.taxLetter(index)) \(ReceiptLayout.rateText(tax.rateBasisPoints))"),
                 values: [tax.base, tax.amount, tax.base + tax.amount].map(\.formattedAmount))
            }
            let header = [labels.taxNet, labels.taxAmount, labels.taxGross].map(page.transliterate)
            let rateTitle = page.transliterate(labels.taxRate)
            let labelWidth = max(rateTitle.count, rows.map(\.rate.count).max() ?? 0)
            let columnWidth = (columns - labelWidth) / 3
            let firstWidth = columns - 3 * columnWidth
            let widest = (rows.flatMap(\.values) + header).map(\.count).max() ?? 0
            guard widest + 1 <= columnWidth, labelWidth <= firstWidth else {
                for row in rows {
                    blocks.append(.text(row.rate))
                    for (title, value) in zip(header, row.values) { self.row("  " + title, value) }
                }
                return
            }
            func line(_ label: String, _ values: [String]) -> String {
                label + String(repeating: " ", count: firstWidth - label.count)
                    + values.map { String(repeating: " ", count: columnWidth - $0.count) + $0 }.joined()
            }
            blocks.append(.text(line(rateTitle, header)))
            for row in rows { blocks.append(.text(line(row.rate, row.values))) }
        }
    }
}
