import StandHardware

/// The printer's modes and the paper under the head: applies parsed commands one at a time, as
/// the mechanism would, and hands back a receipt at each cut.
struct EscPosInterpreter: Sendable {
    /// Something a command does beyond the paper.
    enum Effect: Hashable, Sendable {
        case receiptCut(PrintedReceipt)
        case drawerKick(pin: UInt8, onMilliseconds: Int)
        case statusRequest(StatusRequest)
    }

    let paperWidth: PaperWidth
    private(set) var codePage: CodePage = .cp437
    private var style = PrintedLine.Style()
    private var alignment: EscPosEncoder.Alignment = .left
    private var buffer: [(Character, PrintedLine.Style)] = []
    private(set) var elements: [PaperElement] = []
    private var qrModuleSize = 3
    private var qrLevel: QRErrorCorrection = .low
    private var qrData: [UInt8]?
    private var barcodeHeight = 162
    private var barcodeModuleWidth = 3
    private var barcodeTextPosition = 0

    init(paperWidth: PaperWidth) { self.paperWidth = paperWidth }

    /// Whether anything was printed since the last cut.
    var hasPrinted: Bool { !elements.isEmpty }

    /// What is printed so far, before the cut (the paper ran out, or the job has not cut yet).
    func uncutReceipt() -> PrintedReceipt { PrintedReceipt(elements: elements, paperWidth: paperWidth, cut: nil) }

    /// Applies one command. A QR code StandKit cannot encode throws (the printer would print nothing).
    mutating func apply(_ command: EscPosCommand) throws(QRCodeError) -> Effect? {
        switch command {
        case .character(let byte):
            let character = Character(codePage.scalar(for: byte) ?? "\u{FFFD}")
            if buffer.reduce(0, { $0 + $1.1.width }) + style.width > paperWidth.columns { printLine() }
            buffer.append((character, style))
        case .lineFeed:
            printLine()
        case .carriageReturn:
            break
        case .initialize:
            // ESC @ clears the modes and the unprinted buffer; the paper keeps what is printed.
            let printed = elements
            self = EscPosInterpreter(paperWidth: paperWidth)
            elements = printed
        case .internationalSet:
            break
        case .codePage(let page):
            codePage = page
        case .bold(let on):
            style.bold = on
        case .underline(let thickness):
            style.underline = thickness
        case .printMode(let n):
            style.bold = n & 0x08 != 0
            style.height = n & 0x10 != 0 ? 2 : 1
            style.width = n & 0x20 != 0 ? 2 : 1
            style.underline = n & 0x80 != 0 ? 1 : 0
        case .characterSize(let width, let height):
            style.width = width
            style.height = height
        case .alignment(let value):
            alignment = value
        case .feedLines(let n):
            printPending()
            if n > 0 { elements.append(.feed(dots: n * PaperRenderer.lineHeight)) }
        case .feedDots(let n):
            printPending()
            if n > 0 { elements.append(.feed(dots: n)) }
        case .lineSpacing:
            break
        case .qrModel:
            break
        case .qrModuleSize(let size):
            qrModuleSize = size
        case .qrErrorCorrection(let level):
            qrLevel = level
        case .qrStore(let data):
            qrData = data
        case .qrPrint:
            printPending()
            if let data = qrData, !data.isEmpty {
                let code = try QRCodeEncoder.encode(data, errorCorrection: qrLevel)
                elements.append(.qrCode(code, payload: data, moduleSize: qrModuleSize, alignment: alignment))
            }
        case .barcodeHeight(let dots):
            barcodeHeight = dots
        case .barcodeModuleWidth(let width):
            barcodeModuleWidth = width
        case .barcodeTextPosition(let position):
            barcodeTextPosition = position
        case .barcodeFont:
            break
        case .barcode(let type, let data):
            printPending()
            elements.append(.barcode(PrintedBarcode(type: type, data: data, heightDots: barcodeHeight, moduleWidth: barcodeModuleWidth,
                                                    textPosition: barcodeTextPosition, alignment: alignment)))
        case .raster(let bitmap, let scale):
            printPending()
            elements.append(.image(Self.scaled(bitmap, wide: scale & 1 != 0, tall: scale & 2 != 0), alignment: alignment))
        case .cut(let partial, let feed):
            printPending()
            if feed > 0 { elements.append(.feed(dots: feed)) }
            let receipt = PrintedReceipt(elements: elements, paperWidth: paperWidth, cut: partial ? .partial : .full)
            elements = []
            return .receiptCut(receipt)
        case .drawerKick(let pin, let on, _):
            return .drawerKick(pin: pin, onMilliseconds: on)
        case .statusRequest(let request):
            return .statusRequest(request)
        }
        return nil
    }

    /// Clears the paper and the modes (the roll ran out; the next job starts afresh).
    mutating func reset() { self = EscPosInterpreter(paperWidth: paperWidth) }

    /// Prints the buffer, if it holds anything: codes, images, feeds and cuts start on a new line.
    private mutating func printPending() {
        if !buffer.isEmpty { printLine() }
    }

    /// Prints the buffer as a line (an empty buffer is a blank line).
    private mutating func printLine() {
        let line = PrintedLine(characters: buffer.map(\.0), styles: buffer.map(\.1), alignment: alignment)
        buffer = []
        elements.append(.text(line))
    }

    private static func scaled(_ bitmap: MonochromeBitmap, wide: Bool, tall: Bool) -> MonochromeBitmap {
        guard wide || tall else { return bitmap }
        let sx = wide ? 2 : 1, sy = tall ? 2 : 1
        var out = MonochromeBitmap(width: bitmap.width * sx, height: bitmap.height * sy)
        for y in 0..<out.height {
            for x in 0..<out.width where bitmap[x / sx, y / sy] { out[x, y] = true }
        }
        return out
    }
}
