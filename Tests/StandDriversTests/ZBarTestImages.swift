import Foundation
import StandHardware

/// A grayscale test image, one byte per pixel.
struct ZBarTestImage {
    var width: Int
    var height: Int
    var gray: [UInt8]

    subscript(x: Int, y: Int) -> UInt8 { gray[y * width + x] }

    /// A QR code rendered by the `qrencode` tool, with `moduleSize` pixels per module.
    static func qr(_ payload: String, moduleSize: Int) throws -> ZBarTestImage {
        let png = FileManager.default.temporaryDirectory
            .appendingPathComponent("zbar-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: png) }
        try runQREncode(["-o", png.path, "-s", String(moduleSize), "-m", "2"], payload: payload)
        let data = try [UInt8](Data(contentsOf: png))
        let decoded = try PNGDecoder.decodeLuminance(data)
        return ZBarTestImage(width: decoded.header.width, height: decoded.header.height, gray: decoded.luminance)
    }

    func rotated90() -> ZBarTestImage {
        var out = [UInt8](repeating: 255, count: gray.count)
        for y in 0..<height { for x in 0..<width { out[x * height + (height - 1 - y)] = self[x, y] } }
        return ZBarTestImage(width: height, height: width, gray: out)
    }

    func rotated180() -> ZBarTestImage {
        ZBarTestImage(width: width, height: height, gray: gray.reversed())
    }

    func scaled(by factor: Double) -> ZBarTestImage {
        let w = max(1, Int(Double(width) * factor)), h = max(1, Int(Double(height) * factor))
        var out = [UInt8](repeating: 255, count: w * h)
        for y in 0..<h { for x in 0..<w {
            out[y * w + x] = self[min(width - 1, Int(Double(x) / factor)), min(height - 1, Int(Double(y) / factor))]
        } }
        return ZBarTestImage(width: w, height: h, gray: out)
    }

    func boxBlurred() -> ZBarTestImage {
        var out = gray
        for y in 0..<height { for x in 0..<width {
            var sum = 0, count = 0
            for dy in -1...1 { for dx in -1...1 {
                let nx = x + dx, ny = y + dy
                if nx >= 0, nx < width, ny >= 0, ny < height { sum += Int(self[nx, ny]); count += 1 }
            } }
            out[y * width + x] = UInt8(sum / count)
        } }
        return ZBarTestImage(width: width, height: height, gray: out)
    }

    /// Squeezes the luminance range to 100...160.
    func lowContrast() -> ZBarTestImage {
        ZBarTestImage(width: width, height: height, gray: gray.map { UInt8(100 + Int($0) * 60 / 255) })
    }

    /// `self` and `other` side by side on white, with a white gap.
    func besides(_ other: ZBarTestImage, gap: Int = 20) -> ZBarTestImage {
        let w = width + gap + other.width, h = max(height, other.height)
        var out = [UInt8](repeating: 255, count: w * h)
        for y in 0..<height { for x in 0..<width { out[y * w + x] = self[x, y] } }
        for y in 0..<other.height { for x in 0..<other.width { out[y * w + width + gap + x] = other[x, y] } }
        return ZBarTestImage(width: w, height: h, gray: out)
    }
}

/// Runs `qrencode` with the payload on standard input, so a payload that starts with `-` is never
/// read as an option.
func runQREncode(_ arguments: [String], payload: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/qrencode")
    process.arguments = arguments
    let input = Pipe()
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data(payload.utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw QREncodeFailed(payload: payload, status: process.terminationStatus)
    }
}

struct QREncodeFailed: Error, CustomStringConvertible {
    let payload: String
    let status: Int32
    var description: String { "qrencode exited with status \(status) for payload \(payload.debugDescription)" }
}
