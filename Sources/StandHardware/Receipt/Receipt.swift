import Foundation
import StandCore

/// Everything printed on one customer receipt: the sale and what the stand adds around it.
public struct Receipt: Hashable, Sendable {
    /// The stand's identification at the top of every receipt.
    public struct Header: Hashable, Sendable, Codable {
        public var standName: String
        public var addressLines: [String]
        /// The VAT or tax number the law asks receipts to show.
        public var taxID: String?

        public init(standName: String, addressLines: [String] = [], taxID: String? = nil) {
            self.standName = standName
            self.addressLines = addressLines
            self.taxID = taxID
        }
    }

    public var sale: Sale
    public var header: Header
    /// Centered lines after the payments: opening hours, a thank-you, the e-receipt hint.
    public var footerLines: [String]
    /// Printed centered above the header; at most the paper's width in dots.
    public var logo: MonochromeBitmap?
    /// Printed as a QR code at the end: the sale reference or an e-receipt link.
    public var qrPayload: String?
    /// A reprint: marked at the top and the bottom so it cannot pass for the original.
    public var isCopy: Bool
    /// The journal's sequence number of the sale, printed as the receipt number.
    public var journalSequence: Int64?
    /// The operator's name as printed; the operator id when nil.
    public var operatorName: String?
    /// The stand's time zone: the sale time is printed in it.
    public var timeZone: TimeZone
    public var labels: ReceiptLabels

    public init(sale: Sale, header: Header, footerLines: [String] = [], logo: MonochromeBitmap? = nil,
                qrPayload: String? = nil, isCopy: Bool = false, journalSequence: Int64? = nil,
                operatorName: String? = nil, timeZone: TimeZone, labels: ReceiptLabels = .english) {
        self.sale = sale
        self.header = header
        self.footerLines = footerLines
        self.logo = logo
        self.qrPayload = qrPayload
        self.isCopy = isCopy
        self.journalSequence = journalSequence
        self.operatorName = operatorName
        self.timeZone = timeZone
        self.labels = labels
    }
}
