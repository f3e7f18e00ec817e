/// Writes PNG files: 1-bit grayscale from a `MonochromeBitmap` (black dots are black pixels),
/// or 8-bit grayscale. The zlib stream uses stored (uncompressed) DEFLATE blocks, which every
/// decoder reads; the files are larger than compressed ones but exact.
public enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A 1-bit grayscale PNG of the bitmap.
    public static func encode(_ bitmap: MonochromeBitmap) -> [UInt8] {
        let rowBytes = (bitmap.width + 7) / 8
        var raw = [UInt8]()
        raw.reserveCapacity((rowBytes + 1) * bitmap.height)
        for y in 0..<bitmap.height {
            raw.append(0)  // filter: none
            var packed = [UInt8](repeating: 0xFF, count: rowBytes)
            for x in 0..<bitmap.width where bitmap[x, y] {
                packed[x / 8] &= ~(0x80 >> UInt8(x % 8))
            }
            raw.append(contentsOf: packed)
        }
        return file(width: bitmap.width, height: bitmap.height, bitDepth: 1, colorType: 0, raw: raw)
    }

    /// An 8-bit grayscale PNG; `gray` holds `width × height` values, 0 black, 255 white.
    public static func encodeGray(width: Int, height: Int, gray: [UInt8]) -> [UInt8] {
        precondition(gray.count == width * height, "\(gray.count) gray values for a \(width)×\(height) image")
        var raw = [UInt8]()
        raw.reserveCapacity((width + 1) * height)
        for y in 0..<height {
            raw.append(0)
            raw.append(contentsOf: gray[y * width..<(y + 1) * width])
        }
        return file(width: width, height: height, bitDepth: 8, colorType: 0, raw: raw)
    }

    /// A PNG from already filtered scanlines (each starting with its filter byte).
    static func file(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, raw: [UInt8],
                     palette: [UInt8]? = nil) -> [UInt8] {
        var header = [UInt8]()
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [bitDepth, colorType, 0, 0, 0]
        var png = signature
        png += chunk("IHDR", header)
        if let palette { png += chunk("PLTE", palette) }
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    /// A zlib stream of stored blocks (at most 65 535 bytes each).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let isLast = offset + length == data.count
            out.append(isLast ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        out += bigEndian(Adler32.checksum(data))
        return out
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(CRC32.checksum(typeBytes + data))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
