/// Reads and writes Netpbm portable bitmaps: plain (P1, ASCII 0/1) and raw (P4, packed bits).
/// In PBM, 1 is black, like a printed dot.
public enum PBMCodec {
    public enum Format: Hashable, Sendable {
        /// P1: one ASCII digit per pixel.
        case plain
        /// P4: eight pixels per byte, rows padded to whole bytes.
        case raw
    }

    public static func encode(_ bitmap: MonochromeBitmap, format: Format = .raw) -> [UInt8] {
        switch format {
        case .plain:
            var text = "P1\n\(bitmap.width) \(bitmap.height)\n"
            for y in 0..<bitmap.height {
                // Netpbm asks for lines of at most 70 characters.
                var line = ""
                for x in 0..<bitmap.width {
                    line.append(bitmap[x, y] ? "1" : "0")
                    if line.count == 70 {
                        text += line + "\n"
                        line = ""
                    }
                }
                if !line.isEmpty || bitmap.width == 0 { text += line + "\n" }
            }
            return Array(text.utf8)
        case .raw:
            var out = Array("P4\n\(bitmap.width) \(bitmap.height)\n".utf8)
            let rowBytes = (bitmap.width + 7) / 8
            for y in 0..<bitmap.height {
                var packed = [UInt8](repeating: 0, count: rowBytes)
                for x in 0..<bitmap.width where bitmap[x, y] { packed[x / 8] |= 0x80 >> UInt8(x % 8) }
                out += packed
            }
            return out
        }
    }

    public static func decode(_ data: [UInt8]) throws(PBMError) -> MonochromeBitmap {
        guard data.count >= 2, data[0] == UInt8(ascii: "P"), data[1] == UInt8(ascii: "1") || data[1] == UInt8(ascii: "4") else {
            throw .notPBM
        }
        var position = 2
        let width = try readNumber(data, &position, name: "width")
        let height = try readNumber(data, &position, name: "height")
        guard width > 0, height > 0, width <= 65_535, height <= 65_535, width * height <= PNGDecoder.maximumPixels else {
            throw .invalidHeader("a size of \(width)×\(height) pixels")
        }
        var bitmap = MonochromeBitmap(width: width, height: height)
        if data[1] == UInt8(ascii: "1") {
            var index = 0
            while index < width * height {
                guard position < data.count else { throw .truncated }
                let byte = data[position]
                position += 1
                switch byte {
                case UInt8(ascii: "0"), UInt8(ascii: "1"):
                    bitmap[index % width, index / width] = byte == UInt8(ascii: "1")
                    index += 1
                case UInt8(ascii: "#"):
                    while position < data.count, data[position] != 0x0A { position += 1 }
                case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                    break
                default:
                    throw .invalidPixel("the byte 0x\(String(byte, radix: 16))")
                }
            }
        } else {
            // Exactly one whitespace byte separates the header from the bits.
            guard position < data.count else { throw .truncated }
            position += 1
            let rowBytes = (width + 7) / 8
            guard data.count - position >= rowBytes * height else { throw .truncated }
            for y in 0..<height {
                for x in 0..<width where data[position + y * rowBytes + x / 8] & (0x80 >> UInt8(x % 8)) != 0 {
                    bitmap[x, y] = true
                }
            }
        }
        return bitmap
    }

    /// Skips whitespace and comments, then reads a decimal number.
    private static func readNumber(_ data: [UInt8], _ position: inout Int, name: String) throws(PBMError) -> Int {
        while position < data.count {
            let byte = data[position]
            if byte == UInt8(ascii: "#") {
                while position < data.count, data[position] != 0x0A { position += 1 }
            } else if [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(byte) {
                position += 1
            } else {
                break
            }
        }
        var value = 0
        var digits = 0
        while position < data.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(data[position]) {
            value = value * 10 + Int(data[position] - UInt8(ascii: "0"))
            digits += 1
            position += 1
            guard value <= 1_000_000 else { throw .invalidHeader("the \(name) is too large") }
        }
        guard digits > 0 else {
            throw position >= data.count ? .truncated : .invalidHeader("the \(name) is not a number")
        }
        return value
    }
}
