import StandHardware

/// What came out of the virtual printer between two cuts: a whole receipt, or the part printed
/// before the paper ran out (`isComplete` false, `cut` nil).
public struct PrintedReceipt: Hashable, Sendable {
    public enum Cut: Hashable, Sendable {
        case full
        case partial
    }

    public let elements: [PaperElement]
    public let paperWidth: PaperWidth
    /// How the receipt was cut off the roll; nil when the paper ran out first.
    public let cut: Cut?

    public init(elements: [PaperElement], paperWidth: PaperWidth, cut: Cut?) {
        self.elements = elements
        self.paperWidth = paperWidth
        self.cut = cut
    }

    public var isComplete: Bool { cut != nil }

    /// The text lines as the paper shows them (aligned with spaces, trailing blanks dropped;
    /// a fed line is an empty line). QR codes, barcodes and images are not text.
    public var lines: [String] {
        elements.flatMap { element -> [String] in
            switch element {
            case .text(let line): [line.rendered(columns: paperWidth.columns)]
            case .feed(let dots): Array(repeating: "", count: dots / PaperRenderer.lineHeight)
            default: []
            }
        }
    }

    /// `lines` joined with newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// The printed text lines with their styles.
    public var textLines: [PrintedLine] {
        elements.compactMap { if case .text(let line) = $0 { line } else { nil } }
    }

    public var qrCodes: [QRCode] {
        elements.compactMap { if case .qrCode(let code, _, _, _) = $0 { code } else { nil } }
    }

    /// The data of each QR code, read as UTF-8.
    public var qrPayloads: [String] {
        elements.compactMap { if case .qrCode(_, let payload, _, _) = $0 { String(decoding: payload, as: UTF8.self) } else { nil } }
    }

    public var barcodes: [PrintedBarcode] {
        elements.compactMap { if case .barcode(let barcode) = $0 { barcode } else { nil } }
    }

    public var images: [MonochromeBitmap] {
        elements.compactMap { if case .image(let bitmap, _) = $0 { bitmap } else { nil } }
    }

    /// The paper as printed, one pixel a dot.
    public func picture() -> MonochromeBitmap { PaperRenderer(paperWidth: paperWidth).render(elements) }

    /// `picture()` as a PNG file.
    public func png() -> [UInt8] { PNGEncoder.encode(picture()) }
}
