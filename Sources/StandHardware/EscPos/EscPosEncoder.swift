/// Builds one ESC/POS print job as bytes: the subset of Epson ESC/POS StandKit emits.
///
/// ```swift
/// var job = EscPosEncoder()
/// job.initialize(codePage: .cp858)
/// job.setAlignment(.center)
/// job.setBold(true)
/// job.line("Hot Dog Heaven")
/// try job.qrCode("https://r.example/1234")
/// job.cut(.partial, feed: 48)
/// printer.print(job.bytes)
/// ```
/// Text goes through the selected `CodePage`: one byte per printed character, transliterated when
/// the page cannot hold a character, never a control byte. Inputs a printer would misprint or
/// choke on (QR data too long, an EAN-13 with a wrong check digit, an image wider than the
/// paper) throw `EscPosError` before anything is appended.
public struct EscPosEncoder: Hashable, Sendable {
    /// The job so far.
    public private(set) var bytes: [UInt8] = []
    /// The code page text is encoded with; the printer's default (CP437) until one is selected.
    public private(set) var codePage: CodePage = .cp437

    public init() {}

    /// `ESC a n`.
    public enum Alignment: UInt8, Hashable, Sendable, Codable {
        case left = 0, center = 1, right = 2
    }

    /// `ESC - n`.
    public enum Underline: UInt8, Hashable, Sendable, Codable {
        case none = 0, single = 1, double = 2
    }

    /// `GS V m n`: 65 feeds n and cuts fully, 66 feeds n and leaves a hinge (partial cut).
    public enum Cut: UInt8, Hashable, Sendable, Codable {
        case full = 65, partial = 66
    }

    /// `m` of `ESC p m t1 t2`: the drawer kick connector pin that drives the solenoid.
    public enum DrawerPin: UInt8, Hashable, Sendable, Codable {
        case pin2 = 0, pin5 = 1
    }

    /// `GS H n`: where the human-readable digits of a barcode go.
    public enum BarcodeText: UInt8, Hashable, Sendable, Codable {
        case none = 0, above = 1, below = 2, both = 3
    }

    // MARK: - Setup

    /// `ESC @` (clears the buffer and every mode), `ESC R 0` (USA international set, so bytes
    /// 0x20–0x7E are plain ASCII whatever the DIP switches say) and `ESC t n` for `codePage`.
    public mutating func initialize(codePage: CodePage = .cp437) {
        bytes += [0x1B, 0x40, 0x1B, 0x52, 0x00]
        selectCodePage(codePage)
    }

    /// `ESC t n`: the table for bytes 0x80–0xFF; following text is encoded with it.
    public mutating func selectCodePage(_ page: CodePage) {
        bytes += [0x1B, 0x74, page.escPosNumber]
        codePage = page
    }

    // MARK: - Text

    /// `ESC E n`: emphasized (bold) on or off.
    public mutating func setBold(_ on: Bool) {
        bytes += [0x1B, 0x45, on ? 1 : 0]
    }

    /// `ESC - n`.
    public mutating func setUnderline(_ underline: Underline) {
        bytes += [0x1B, 0x2D, underline.rawValue]
    }

    /// `GS ! n`: character width and height multipliers, 1…8 each (bits 4–7 width − 1, bits 0–3
    /// height − 1). Double width halves the columns a line holds.
    public mutating func setCharacterSize(width: Int = 1, height: Int = 1) throws(EscPosError) {
        for (name, value) in [("width", width), ("height", height)] where !(1...8).contains(value) {
            throw .parameterOutOfRange(command: "GS ! (character size)", parameter: name, value: value, allowed: 1...8)
        }
        bytes += [0x1D, 0x21, UInt8((width - 1) << 4 | (height - 1))]
    }

    /// `ESC a n`: applies to the lines, images and codes that follow.
    public mutating func setAlignment(_ alignment: Alignment) {
        bytes += [0x1B, 0x61, alignment.rawValue]
    }

    /// The text in the selected code page; each line break in it becomes `LF`.
    public mutating func text(_ text: String) {
        var first = true
        for part in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if !first { bytes.append(0x0A) }
            bytes += codePage.encode(String(part))
            first = false
        }
    }

    /// The text and `LF` (print and feed one line).
    public mutating func line(_ text: String = "") {
        self.text(text)
        bytes.append(0x0A)
    }

    /// `ESC d n`: prints the buffer and feeds `lines` lines.
    public mutating func feed(lines: UInt8) {
        bytes += [0x1B, 0x64, lines]
    }

    // MARK: - Codes and images

    /// A native QR code, `GS ( k` with cn = 49: model 2 (fn 65), module size (fn 67), error
    /// correction (fn 69), store the data (fn 80), print it (fn 81).
    public mutating func qrCode(_ data: String, moduleSize: Int = 6,
                                errorCorrection: QRErrorCorrection = .medium) throws(EscPosError) {
        guard (1...16).contains(moduleSize) else {
            throw .parameterOutOfRange(command: "GS ( k (QR module size)", parameter: "dots", value: moduleSize, allowed: 1...16)
        }
        let payload = Array(data.utf8)
        guard !payload.isEmpty else { throw .emptyQRCode }
        let capacity = Self.qrCapacity(errorCorrection)
        let alphanumeric = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
        let (limit, mode): (Int, String) =
            if payload.allSatisfy({ (0x30...0x39).contains($0) }) { (capacity.numeric, "numeric") }
            else if payload.allSatisfy(alphanumeric.contains) { (capacity.alphanumeric, "alphanumeric") }
            else { (capacity.bytes, "byte") }
        guard payload.count <= limit else {
            throw .qrDataTooLong(count: payload.count, limit: limit, mode: mode, errorCorrection: errorCorrection)
        }
        bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, UInt8(moduleSize)]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, errorCorrection.escPosNumber]
        let length = payload.count + 3
        bytes += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x31, 0x50, 0x30]
        bytes += payload
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
    }

    /// A barcode: `GS h` height in dots (1…255), `GS w` module width (2…6), `GS H` text
    /// position, then `GS k m n d1…dn`.
    public mutating func barcode(_ barcode: Barcode, height: Int = 80, moduleWidth: Int = 2,
                                 text: BarcodeText = .below) throws(EscPosError) {
        guard (1...255).contains(height) else {
            throw .parameterOutOfRange(command: "GS h (barcode height)", parameter: "dots", value: height, allowed: 1...255)
        }
        guard (2...6).contains(moduleWidth) else {
            throw .parameterOutOfRange(command: "GS w (barcode module width)", parameter: "dots", value: moduleWidth, allowed: 2...6)
        }
        let payload = try barcode.payload()
        bytes += [0x1D, 0x68, UInt8(height), 0x1D, 0x77, UInt8(moduleWidth), 0x1D, 0x48, text.rawValue]
        bytes += [0x1D, 0x6B, barcode.escPosType, UInt8(payload.count)]
        bytes += payload
    }

    /// Version 40 capacities (numeric, alphanumeric, bytes) from ISO/IEC 18004 table 7.
    private static func qrCapacity(_ level: QRErrorCorrection) -> (numeric: Int, alphanumeric: Int, bytes: Int) {
        switch level {
        case .low: (7089, 4296, 2953)
        case .medium: (5596, 3391, 2331)
        case .quartile: (3993, 2420, 1663)
        case .high: (3057, 1852, 1273)
        }
    }

    /// The tallest image one `GS v 0` prints (yH ≤ 8).
    public static let maximumRasterHeight = 2303

    /// `GS v 0 m xL xH yL yH d1…dk` (m = 0, normal density): rows padded to whole bytes, the
    /// leftmost dot in the most significant bit, 1 = black.
    /// - Parameter paperDots: the printable width; a wider image throws.
    public mutating func rasterImage(_ bitmap: MonochromeBitmap, paperDots: Int) throws(EscPosError) {
        guard bitmap.width > 0, bitmap.height > 0 else { throw .emptyImage }
        guard bitmap.width <= paperDots else { throw .imageTooWide(width: bitmap.width, maximum: paperDots) }
        guard bitmap.height <= Self.maximumRasterHeight else {
            throw .imageTooTall(height: bitmap.height, maximum: Self.maximumRasterHeight)
        }
        let rowBytes = (bitmap.width + 7) / 8
        bytes += [0x1D, 0x76, 0x30, 0x00, UInt8(rowBytes & 0xFF), UInt8(rowBytes >> 8),
                  UInt8(bitmap.height & 0xFF), UInt8(bitmap.height >> 8)]
        bytes.reserveCapacity(bytes.count + rowBytes * bitmap.height)
        for y in 0..<bitmap.height {
            for column in 0..<rowBytes {
                var byte: UInt8 = 0
                for bit in 0..<8 {
                    let x = column * 8 + bit
                    if x < bitmap.width, bitmap[x, y] { byte |= 0x80 >> UInt8(bit) }
                }
                bytes.append(byte)
            }
        }
    }

    // MARK: - Paper and drawer

    /// `GS V m n`: feeds `feed` motion units past the print line, then cuts.
    public mutating func cut(_ cut: Cut = .partial, feed: UInt8 = 0) {
        bytes += [0x1D, 0x56, cut.rawValue, feed]
    }

    /// `ESC p m t1 t2`: a pulse on the drawer kick connector, `onMilliseconds` on then
    /// `offMilliseconds` off, each 2…510 ms in steps of 2 ms.
    public mutating func kickDrawer(pin: DrawerPin = .pin2, onMilliseconds: Int = 100,
                                    offMilliseconds: Int = 500) throws(EscPosError) {
        for (name, value) in [("on time", onMilliseconds), ("off time", offMilliseconds)] where !(2...510).contains(value) {
            throw .parameterOutOfRange(command: "ESC p (drawer kick)", parameter: "\(name) in ms", value: value, allowed: 2...510)
        }
        bytes += [0x1B, 0x70, pin.rawValue, UInt8(onMilliseconds / 2), UInt8(offMilliseconds / 2)]
    }
}
