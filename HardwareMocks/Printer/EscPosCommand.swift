import StandHardware

/// One ESC/POS command the virtual printer understands, decoded from the byte stream.
enum EscPosCommand: Hashable, Sendable {
    /// A printable byte (0x20–0xFF), read through the selected code page.
    case character(UInt8)
    /// LF: prints the line buffer and feeds one line.
    case lineFeed
    /// CR: ignored, as printers with automatic line feed off do.
    case carriageReturn
    /// ESC @: clears the buffer and every mode.
    case initialize
    /// ESC R n: international character set (bytes 0x23–0x7E); StandKit only sends 0 (USA).
    case internationalSet(UInt8)
    /// ESC t n.
    case codePage(CodePage)
    /// ESC E n.
    case bold(Bool)
    /// ESC - n: 0 off, 1 single, 2 double.
    case underline(Int)
    /// ESC ! n: bold (bit 3), double height (bit 4), double width (bit 5), underline (bit 7).
    case printMode(UInt8)
    /// GS ! n.
    case characterSize(width: Int, height: Int)
    /// ESC a n.
    case alignment(EscPosEncoder.Alignment)
    /// ESC d n.
    case feedLines(Int)
    /// ESC J n.
    case feedDots(Int)
    /// ESC 2 (nil, the default) or ESC 3 n.
    case lineSpacing(Int?)
    /// GS ( k cn=49 fn=65: model 1, 2 or micro.
    case qrModel(UInt8)
    /// GS ( k cn=49 fn=67: dots a module, 1…16.
    case qrModuleSize(Int)
    /// GS ( k cn=49 fn=69.
    case qrErrorCorrection(QRErrorCorrection)
    /// GS ( k cn=49 fn=80 m=48: the data of the next QR code.
    case qrStore([UInt8])
    /// GS ( k cn=49 fn=81 m=48: prints the stored QR code.
    case qrPrint
    /// GS h n.
    case barcodeHeight(Int)
    /// GS w n.
    case barcodeModuleWidth(Int)
    /// GS H n: 0 none, 1 above, 2 below, 3 both.
    case barcodeTextPosition(Int)
    /// GS f n: the font of the human-readable text.
    case barcodeFont(UInt8)
    /// GS k m …: `type` is the function B number (65 UPC-A … 73 CODE128).
    case barcode(type: UInt8, data: [UInt8])
    /// GS v 0 m xL xH yL yH d…: `scale` is m (bit 0 double width, bit 1 double height).
    case raster(MonochromeBitmap, scale: UInt8)
    /// GS V: full or partial cut after feeding `feed` motion units.
    case cut(partial: Bool, feed: Int)
    /// ESC p m t1 t2: a pulse on the drawer kick connector.
    case drawerKick(pin: UInt8, onMilliseconds: Int, offMilliseconds: Int)
    /// DLE EOT n: real-time status request; the printer answers one byte.
    case statusRequest(StatusRequest)
}
