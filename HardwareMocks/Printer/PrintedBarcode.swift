import StandHardware

/// A one-dimensional barcode on the paper.
public struct PrintedBarcode: Hashable, Sendable {
    /// The `m` of `GS k` in function B numbering: 65 UPC-A, 66 UPC-E, 67 EAN-13, 68 EAN-8,
    /// 69 CODE39, 70 ITF, 71 CODABAR, 72 CODE93, 73 CODE128.
    public let type: UInt8
    /// The data bytes as sent (CODE128 with its `{A`, `{B` or `{C` code set prefix).
    public let data: [UInt8]
    public let heightDots: Int
    public let moduleWidth: Int
    /// 0 none, 1 above, 2 below, 3 both.
    public let textPosition: Int
    public let alignment: EscPosEncoder.Alignment

    public init(type: UInt8, data: [UInt8], heightDots: Int, moduleWidth: Int, textPosition: Int,
                alignment: EscPosEncoder.Alignment) {
        self.type = type
        self.data = data
        self.heightDots = heightDots
        self.moduleWidth = moduleWidth
        self.textPosition = textPosition
        self.alignment = alignment
    }

    /// The symbology, for the types a `Symbology` names.
    public var symbology: Symbology? {
        switch type {
        case 65: .upcA
        case 67: .ean13
        case 68: .ean8
        case 69: .code39
        case 73: .code128
        default: nil
        }
    }

    /// The encoded text: for CODE128 what a reader gets back (code set C pairs as digits, the
    /// `{` selectors and functions left out, `{{` undoubled).
    public var text: String {
        guard type == 73 else { return String(decoding: data, as: UTF8.self) }
        if let symbol = Code128Symbol(escPosData: data) { return symbol.text }
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            if data[i] == UInt8(ascii: "{"), i + 1 < data.count {
                if data[i + 1] == UInt8(ascii: "{") { out.append(data[i]) }
                i += 2
            } else {
                out.append(data[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
