import StandHardware

/// One thing on the paper, top to bottom.
public enum PaperElement: Hashable, Sendable {
    case text(PrintedLine)
    /// Blank paper fed past the print line, in dots.
    case feed(dots: Int)
    /// A QR code printed with `GS ( k`: the symbol StandKit's encoder makes from the stored data.
    case qrCode(QRCode, payload: [UInt8], moduleSize: Int, alignment: EscPosEncoder.Alignment)
    case barcode(PrintedBarcode)
    /// A raster image (`GS v 0`), already scaled by its mode.
    case image(MonochromeBitmap, alignment: EscPosEncoder.Alignment)
}
