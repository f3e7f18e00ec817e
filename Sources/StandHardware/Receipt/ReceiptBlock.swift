/// One printed element of a laid-out receipt. Text lines are already transliterated to the
/// receipt's code page and fit the paper's columns.
enum ReceiptBlock: Hashable, Sendable {
    case text(String, alignment: EscPosEncoder.Alignment = .left, bold: Bool = false, tall: Bool = false)
    /// Centered raster image.
    case image(MonochromeBitmap)
    /// Centered native QR code.
    case qr(String)

    /// How a printer reading the job back shows this element as text: aligned text without
    /// trailing spaces, `[IMAGE w x h]` and `[QR]` for graphics.
    func plainText(columns: Int) -> String {
        switch self {
        case .text(let text, let alignment, _, _):
            let padding = max(0, columns - text.count)
            let leading = switch alignment {
            case .left: 0
            case .center: padding / 2
            case .right: padding
            }
            let line = String(repeating: " ", count: leading) + text
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        case .image(let bitmap):
            return "[IMAGE \(bitmap.width)x\(bitmap.height)]"
        case .qr:
            return "[QR]"
        }
    }
}
