/// Reads PNG files (non-interlaced; grayscale, RGB, palette, grayscale+alpha and RGBA at every
/// bit depth the format allows) and thresholds them to a `MonochromeBitmap` for the printer.
/// Transparent pixels count as paper (white). Anything damaged or unsupported is a `PNGError`.
public enum PNGDecoder {
    /// The largest picture read, in pixels: far above any receipt logo, far below memory trouble.
    public static let maximumPixels = 16_777_216

    /// The image's size and format, from its header.
    public struct Header: Hashable, Sendable {
        public let width: Int
        public let height: Int
        public let bitDepth: Int
        /// 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
        public let colorType: Int

        var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType] ?? 1 }
        var bitsPerPixel: Int { channels * bitDepth }
        var rowBytes: Int { (width * bitsPerPixel + 7) / 8 }
    }

    /// Decodes `data` and makes every pixel darker than `threshold` (0…255 luminance, after
    /// compositing over white) a black dot.
    public static func decode(_ data: [UInt8], threshold: UInt8 = 128) throws(PNGError) -> MonochromeBitmap {
        let image = try decodeLuminance(data)
        let pixels = image.luminance.map { $0 < threshold }
        return MonochromeBitmap(width: image.header.width, height: image.header.height, pixels: pixels)
    }

    /// Decodes `data` to its header and one luminance value per pixel (0 black … 255 white),
    /// composited over white.
    public static func decodeLuminance(_ data: [UInt8]) throws(PNGError) -> (header: Header, luminance: [UInt8]) {
        guard data.count >= 8, Array(data[0..<8]) == PNGEncoder.signature else { throw .notPNG }
        var offset = 8
        var header: Header?
        var palette: [UInt8]?
        var transparency: [UInt8]?
        var compressed: [UInt8] = []
        var sawIDAT = false
        var sawEnd = false
        while !sawEnd {
            guard data.count - offset >= 12 else { throw .truncated }
            let length = Int(readUInt32(data, offset))
            guard length <= 0x7FFF_FFFF else { throw .invalid("a chunk length is larger than 2³¹ − 1") }
            guard length <= data.count - offset - 12 else { throw .truncated }
            let typeBytes = Array(data[offset + 4..<offset + 8])
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw .invalid("a chunk type is not four letters")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let body = Array(data[offset + 8..<offset + 8 + length])
            guard CRC32.checksum(typeBytes + body) == readUInt32(data, offset + 8 + length) else {
                throw .checksumMismatch(chunk: type)
            }
            offset += 12 + length
            if header == nil && type != "IHDR" { throw .missingChunk("IHDR") }
            switch type {
            case "IHDR":
                guard header == nil else { throw .invalid("more than one IHDR chunk") }
                header = try parseHeader(body)
            case "PLTE":
                guard body.count % 3 == 0, (3...768).contains(body.count) else { throw .invalid("the palette has \(body.count) bytes") }
                guard !sawIDAT else { throw .invalid("the palette comes after the image data") }
                palette = body
            case "tRNS":
                transparency = body
            case "IDAT":
                sawIDAT = true
                compressed += body
            case "IEND":
                sawEnd = true
            default:
                // Ancillary chunks (lowercase first letter) can be skipped; critical ones cannot.
                if typeBytes[0] & 0x20 == 0 { throw .unsupported("the critical chunk \(type)") }
            }
        }
        guard let header else { throw .missingChunk("IHDR") }
        guard sawIDAT else { throw .missingChunk("IDAT") }
        if header.colorType == 3 && palette == nil { throw .missingChunk("PLTE") }
        let expected = (header.rowBytes + 1) * header.height
        let raw: [UInt8]
        do { raw = try Inflater.zlibDecompress(compressed, limit: expected) } catch { throw .imageData(error) }
        guard raw.count == expected else { throw .invalid("the image data holds \(raw.count) bytes, \(expected) expected") }
        let rows = try unfilter(raw, header: header)
        return (header, luminance(rows, header: header, palette: palette ?? [], transparency: transparency))
    }

    private static func parseHeader(_ body: [UInt8]) throws(PNGError) -> Header {
        guard body.count == 13 else { throw .invalid("the IHDR chunk has \(body.count) bytes, not 13") }
        let width = Int(readUInt32(body, 0)), height = Int(readUInt32(body, 4))
        let bitDepth = Int(body[8]), colorType = Int(body[9])
        guard width > 0, height > 0 else { throw .invalid("the image is \(width)×\(height) pixels") }
        guard width <= maximumPixels, height <= maximumPixels, width * height <= maximumPixels else {
            throw .unsupported("a size of \(width)×\(height) pixels (more than \(maximumPixels) pixels)")
        }
        let allowed: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard let depths = allowed[colorType] else { throw .invalid("color type \(colorType) does not exist") }
        guard depths.contains(bitDepth) else { throw .invalid("bit depth \(bitDepth) is not allowed for color type \(colorType)") }
        guard body[10] == 0 else { throw .invalid("compression method \(body[10])") }
        guard body[11] == 0 else { throw .invalid("filter method \(body[11])") }
        switch body[12] {
        case 0: break
        case 1: throw .unsupported("interlacing (Adam7)")
        default: throw .invalid("interlace method \(body[12])")
        }
        return Header(width: width, height: height, bitDepth: bitDepth, colorType: colorType)
    }

    /// Undoes the five per-row filters; returns the rows without their filter bytes.
    private static func unfilter(_ raw: [UInt8], header: Header) throws(PNGError) -> [UInt8] {
        let stride = header.rowBytes
        let bpp = max(1, header.bitsPerPixel / 8)
        var out = [UInt8](repeating: 0, count: stride * header.height)
        for y in 0..<header.height {
            let filter = raw[y * (stride + 1)]
            let source = y * (stride + 1) + 1
            let row = y * stride
            for i in 0..<stride {
                let x = raw[source + i]
                let a = i >= bpp ? out[row + i - bpp] : 0
                let b = y > 0 ? out[row - stride + i] : 0
                let c = (i >= bpp && y > 0) ? out[row - stride + i - bpp] : 0
                let predicted: UInt8
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = UInt8((Int(a) + Int(b)) / 2)
                case 4: predicted = paeth(a, b, c)
                default: throw .invalid("row \(y) uses filter type \(filter)")
                }
                out[row + i] = x &+ predicted
            }
        }
        return out
    }

    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    private static func luminance(_ rows: [UInt8], header: Header, palette: [UInt8], transparency: [UInt8]?) -> [UInt8] {
        let depth = header.bitDepth
        let maxSample = (1 << depth) - 1
        var result = [UInt8](repeating: 255, count: header.width * header.height)
        for y in 0..<header.height {
            let rowStart = y * header.rowBytes
            func sample(_ index: Int) -> Int {
                switch depth {
                case 16: return Int(rows[rowStart + index * 2]) << 8 | Int(rows[rowStart + index * 2 + 1])
                case 8: return Int(rows[rowStart + index])
                default:
                    let bit = index * depth
                    let byte = rows[rowStart + bit / 8]
                    return Int(byte >> UInt8(8 - depth - bit % 8)) & maxSample
                }
            }
            func scaled(_ value: Int) -> Int { value * 255 / maxSample }
            for x in 0..<header.width {
                let base = x * header.channels
                var gray = 255, alpha = 255
                switch header.colorType {
                case 0:
                    let v = sample(base)
                    gray = scaled(v)
                    if let key = transparency, key.count >= 2, v == Int(key[0]) << 8 | Int(key[1]) { alpha = 0 }
                case 2:
                    let r = sample(base), g = sample(base + 1), b = sample(base + 2)
                    gray = luma(scaled(r), scaled(g), scaled(b))
                    if let key = transparency, key.count >= 6,
                       r == Int(key[0]) << 8 | Int(key[1]), g == Int(key[2]) << 8 | Int(key[3]), b == Int(key[4]) << 8 | Int(key[5]) {
                        alpha = 0
                    }
                case 3:
                    let index = sample(base)
                    if index * 3 + 2 < palette.count {
                        gray = luma(Int(palette[index * 3]), Int(palette[index * 3 + 1]), Int(palette[index * 3 + 2]))
                    }
                    if let alphas = transparency, index < alphas.count { alpha = Int(alphas[index]) }
                case 4:
                    gray = scaled(sample(base))
                    alpha = scaled(sample(base + 1))
                default:
                    gray = luma(scaled(sample(base)), scaled(sample(base + 1)), scaled(sample(base + 2)))
                    alpha = scaled(sample(base + 3))
                }
                // Composite over white paper.
                result[y * header.width + x] = UInt8((gray * alpha + 255 * (255 - alpha)) / 255)
            }
        }
        return result
    }

    /// ITU-R BT.601 luma.
    private static func luma(_ r: Int, _ g: Int, _ b: Int) -> Int { (299 * r + 587 * g + 114 * b) / 1000 }

    private static func readUInt32(_ data: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8 | UInt32(data[offset + 3])
    }
}
