import Foundation
import StandCore
import StandHardware

/// How this stand's receipts look: what the layout adds around each sale.
public struct ReceiptFormat: Hashable, Sendable {
    public var header: Receipt.Header
    public var footerLines: [String]
    /// Printed at the top of every receipt (GS v 0 raster).
    public var logo: MonochromeBitmap?
    public var paperWidth: PaperWidth
    public var timeZone: TimeZone
    public var labels: ReceiptLabels
    /// The QR code at the bottom: this prefix followed by the sale id (an e-receipt link), or
    /// the bare sale id when empty; nil prints no QR code.
    public var qrPrefix: String?

    public init(header: Receipt.Header, footerLines: [String] = ["Thank you!"], paperWidth: PaperWidth = .mm58,
                timeZone: TimeZone, labels: ReceiptLabels = .english, qrPrefix: String? = "", logo: MonochromeBitmap? = nil) {
        self.logo = logo
        self.header = header
        self.footerLines = footerLines
        self.paperWidth = paperWidth
        self.timeZone = timeZone
        self.labels = labels
        self.qrPrefix = qrPrefix
    }

    /// The receipt of `sale` as ESC/POS bytes: the original, or the reprint marked COPY.
    public func bytes(for sale: Sale, copy: Bool, journalSequence: Int64?, operatorName: String?) throws(EscPosError) -> [UInt8] {
        let receipt = Receipt(sale: sale, header: header, footerLines: footerLines, logo: logo,
                              qrPayload: qrPrefix.map { $0 + sale.id.rawValue }, isCopy: copy,
                              journalSequence: journalSequence, operatorName: operatorName, timeZone: timeZone, labels: labels)
        return try ReceiptLayout(width: paperWidth).encode(receipt)
    }
}
