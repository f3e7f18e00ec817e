import Foundation
import StandHardware

/// An 8-bit grayscale image (0 black … 255 white, row-major) read from a PNG, PGM or PBM file.
public struct GrayscaleImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Reads the image in the file at `path` (PNG, binary or ASCII PGM/PBM).
    public init(contentsOf path: String) throws(GrayscaleImageError) {
        let data: [UInt8]
        do {
            data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(fileData: data, path: path)
    }

    /// Decodes the bytes of a PNG, PGM (P2/P5) or PBM (P1/P4) file; `path` names it in errors.
    public init(fileData data: [UInt8], path: String) throws(GrayscaleImageError) {
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            do {
                let decoded = try PNGDecoder.decodeLuminance(data)
                self.init(width: decoded.header.width, height: decoded.header.height, pixels: decoded.luminance)
            } catch {
                throw .invalid(path: path, reason: error.description)
            }
            return
        }
        guard data.count >= 2, data[0] == UInt8(ascii: "P"), let kind = [UInt8]("1245".utf8).firstIndex(of: data[1]) else {
            throw .unsupportedFormat(path: path)
        }
        var reader = NetpbmReader(data: data, offset: 2)
        // P1 ASCII bitmap, P2 ASCII gray, P4 binary bitmap, P5 binary gray.
        let isBitmap = kind % 2 == 0
        let ascii = kind < 2
        guard let width = reader.number(), let height = reader.number(), width > 0, height > 0,
              width * height <= PNGDecoder.maximumPixels
        else { throw .invalid(path: path, reason: "the header has no valid width and height") }
        let maxValue = isBitmap ? 1 : reader.number() ?? 0
        guard maxValue >= 1, maxValue <= 255 else {
            throw .invalid(path: path, reason: "only 8-bit grayscale is supported (maximum value 1…255)")
        }
        var pixels = [UInt8](repeating: 255, count: width * height)
        if ascii {
            for index in pixels.indices {
                guard let value = reader.number(), value <= maxValue else { throw .invalid(path: path, reason: "the pixel data is truncated or out of range") }
                pixels[index] = isBitmap ? (value == 1 ? 0 : 255) : UInt8(value * 255 / maxValue)
            }
        } else {
            let start = reader.offset + 1
            if isBitmap {
                let rowBytes = (width + 7) / 8
                guard data.count - start >= rowBytes * height else { throw .invalid(path: path, reason: "the pixel data is truncated") }
                for y in 0..<height { for x in 0..<width {
                    let bit = data[start + y * rowBytes + x / 8] >> (7 - UInt8(x % 8)) & 1
                    pixels[y * width + x] = bit == 1 ? 0 : 255
                } }
            } else {
                guard data.count - start >= width * height else { throw .invalid(path: path, reason: "the pixel data is truncated") }
                for index in pixels.indices { pixels[index] = UInt8(Int(data[start + index]) * 255 / maxValue) }
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }
}

/// Reads the whitespace-separated decimal header fields (and `#` comments) of a Netpbm file.
private struct NetpbmReader {
    let data: [UInt8]
    var offset: Int

    mutating func number() -> Int? {
        while offset < data.count {
            if data[offset] == UInt8(ascii: "#") {
                while offset < data.count, data[offset] != UInt8(ascii: "\n") { offset += 1 }
            } else if [9, 10, 13, 32].contains(data[offset]) {
                offset += 1
            } else {
                break
            }
        }
        var value = 0
        var digits = 0
        while offset < data.count, data[offset] >= UInt8(ascii: "0"), data[offset] <= UInt8(ascii: "9"), digits < 9 {
            value = value * 10 + Int(data[offset] - UInt8(ascii: "0"))
            offset += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
