import StandHardware

/// Draws the paper: text in font A cells (12 × 24 dots, the 5×7 glyphs doubled), double sizes
/// scaled, QR codes with StandKit's encoder at the module size, raster images as sent, EAN-13,
/// EAN-8, UPC-A and CODE128 as real bars and other barcodes as a stand-in pattern of their bytes.
struct PaperRenderer {
    /// Font A: 12 dots wide, 24 tall; 48 columns on 576 dots.
    static let cellWidth = 12
    static let cellHeight = 24
    /// The default line spacing, 30 dots (1/6 inch at 180 dpi).
    static let lineHeight = 30
    /// Blank paper above the first and below the last element.
    static let margin = 12

    let paperWidth: PaperWidth

    func render(_ elements: [PaperElement]) -> MonochromeBitmap {
        var canvas = Canvas(width: paperWidth.dots)
        canvas.y = Self.margin
        for element in elements {
            switch element {
            case .text(let line):
                drawLine(line, on: &canvas)
            case .feed(let dots):
                canvas.y += dots
            case .qrCode(let code, _, let moduleSize, let alignment):
                var size = moduleSize
                while size > 1 && (code.size + 8) * size > paperWidth.dots { size -= 1 }
                let bitmap = code.bitmap(moduleSize: size, quietZone: (code.size + 8) * size <= paperWidth.dots ? 4 : 0)
                canvas.draw(bitmap, x: offset(bitmap.width, alignment))
                canvas.y += bitmap.height
            case .barcode(let barcode):
                drawBarcode(barcode, on: &canvas)
            case .image(let bitmap, let alignment):
                canvas.draw(bitmap, x: offset(bitmap.width, alignment))
                canvas.y += bitmap.height
            }
        }
        canvas.y += Self.margin
        return canvas.bitmap()
    }

    private func offset(_ width: Int, _ alignment: EscPosEncoder.Alignment) -> Int {
        switch alignment {
        case .left: 0
        case .center: max(0, (paperWidth.dots - width) / 2)
        case .right: max(0, paperWidth.dots - width)
        }
    }

    private func drawLine(_ line: PrintedLine, on canvas: inout Canvas) {
        let height = Self.cellHeight * line.heightScale
        var x = line.indent(columns: paperWidth.columns) * Self.cellWidth
        for (character, style) in zip(line.characters, line.styles) {
            // Taller characters stand on the line's baseline.
            let top = canvas.y + height - Self.cellHeight * style.height
            drawCharacter(character, style: style, x: x, top: top, on: &canvas)
            x += Self.cellWidth * style.width
        }
        canvas.y += height + (Self.lineHeight - Self.cellHeight)
    }

    private func drawCharacter(_ character: Character, style: PrintedLine.Style, x: Int, top: Int, on canvas: inout Canvas) {
        let sx = 2 * style.width, sy = 2 * style.height
        let glyph = BitmapFont.glyph(character)
        for (column, bits) in glyph.enumerated() {
            for row in 0..<BitmapFont.glyphHeight where bits & (1 << UInt8(row)) != 0 {
                let left = x + (1 + column * 2) * style.width
                let upper = top + (4 + row * 2) * style.height
                canvas.fill(x: left, y: upper, width: sx + (style.bold ? style.width : 0), height: sy)
            }
        }
        if style.underline > 0 {
            canvas.fill(x: x, y: top + (Self.cellHeight - 2) * style.height, width: Self.cellWidth * style.width,
                        height: style.underline * style.height)
        }
    }

    private func drawBarcode(_ barcode: PrintedBarcode, on canvas: inout Canvas) {
        let modules = Self.modules(of: barcode)
        let width = modules.count * barcode.moduleWidth
        let left = offset(width, barcode.alignment)
        let label = PrintedLine(characters: Array(barcode.text), styles: Array(repeating: .init(), count: barcode.text.count),
                                alignment: barcode.alignment)
        if barcode.textPosition & 1 != 0 { drawLine(label, on: &canvas) }
        for (index, bar) in modules.enumerated() where bar {
            canvas.fill(x: left + index * barcode.moduleWidth, y: canvas.y, width: barcode.moduleWidth, height: barcode.heightDots)
        }
        canvas.y += barcode.heightDots
        if barcode.textPosition & 2 != 0 { drawLine(label, on: &canvas) }
    }

    /// The bars, one flag a module, quiet zones included.
    static func modules(of barcode: PrintedBarcode) -> [Bool] {
        let digits = barcode.data.compactMap { (0x30...0x39).contains($0) ? Int($0 - 0x30) : nil }
        let quiet = [Bool](repeating: false, count: 10)
        if barcode.type == 73, let symbol = Code128Symbol(escPosData: barcode.data) {
            return quiet + symbol.modules + quiet
        }
        switch barcode.type {
        case 67 where digits.count == 13 && digits.count == barcode.data.count:
            return quiet + ean13(digits) + quiet
        case 65 where (digits.count == 12 || digits.count == 11) && digits.count == barcode.data.count:
            let full = digits.count == 12 ? digits : digits + [upcCheckDigit(digits)]
            return quiet + ean13([0] + full) + quiet
        case 68 where digits.count == 8 && digits.count == barcode.data.count:
            var bars = bits("101")
            for d in digits[0..<4] { bars += bits(leftOdd[d]) }
            bars += bits("01010")
            for d in digits[4..<8] { bars += bits(right(d)) }
            return quiet + bars + bits("101") + quiet
        default:
            // A stand-in for symbologies drawn without their tables: each byte's bits between guards.
            var bars = bits("1101")
            for byte in barcode.data {
                for i in stride(from: 7, through: 0, by: -1) { bars.append((byte >> UInt8(i)) & 1 == 1) }
                bars.append(false)
            }
            return quiet + bars + bits("1011") + quiet
        }
    }

    private static let leftOdd = ["0001101", "0011001", "0010011", "0111101", "0100011",
                                  "0110001", "0101111", "0111011", "0110111", "0001011"]
    /// Which of the six left digits use the even (G) set, by the first digit.
    private static let parity = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                                 "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]

    private static func right(_ digit: Int) -> String { String(leftOdd[digit].map { $0 == "0" ? "1" : "0" }) }
    private static func bits(_ pattern: String) -> [Bool] { pattern.map { $0 == "1" } }

    private static func ean13(_ digits: [Int]) -> [Bool] {
        var bars = bits("101")
        for (index, digit) in digits[1..<7].enumerated() {
            let even = Array(parity[digits[0]])[index] == "G"
            bars += bits(even ? String(right(digit).reversed()) : leftOdd[digit])
        }
        bars += bits("01010")
        for digit in digits[7..<13] { bars += bits(right(digit)) }
        return bars + bits("101")
    }

    private static func upcCheckDigit(_ eleven: [Int]) -> Int {
        let sum = eleven.enumerated().reduce(0) { $0 + ($1.offset % 2 == 0 ? 3 * $1.element : $1.element) }
        return (10 - sum % 10) % 10
    }
}

/// A growing sheet of paper: fixed width, as long as what is drawn on it.
private struct Canvas {
    let width: Int
    var y = 0
    private var rows: [[Bool]] = []

    init(width: Int) { self.width = width }

    mutating func fill(x: Int, y: Int, width: Int, height: Int) {
        let first = max(0, x), end = min(self.width, x + width)
        guard first < end, height > 0 else { return }
        ensure(y + height)
        for row in max(0, y)..<(y + height) {
            for column in first..<end { rows[row][column] = true }
        }
    }

    mutating func draw(_ bitmap: MonochromeBitmap, x: Int) {
        ensure(y + bitmap.height)
        let visible = max(0, min(bitmap.width, width - x))
        for row in 0..<bitmap.height {
            for column in 0..<visible where bitmap[column, row] { rows[y + row][x + column] = true }
        }
    }

    private mutating func ensure(_ height: Int) {
        while rows.count < height { rows.append([Bool](repeating: false, count: width)) }
    }

    func bitmap() -> MonochromeBitmap {
        let height = max(y, rows.count)
        var pixels = rows.flatMap { $0 }
        pixels += [Bool](repeating: false, count: (height - rows.count) * width)
        return MonochromeBitmap(width: width, height: height, pixels: pixels)
    }
}
