import Foundation
import StandHardware
import Testing

@Suite struct PNGCodecTests {
    static let width = 37, height = 23
    static func expectedBlack(_ x: Int, _ y: Int) -> Bool { (x * 7 + y * 3) % 11 < 5 }

    static func fixture(_ base64: String) -> [UInt8] { [UInt8](Data(base64Encoded: base64)!) }

    static func checkPattern(_ bitmap: MonochromeBitmap) {
        #expect(bitmap.width == width && bitmap.height == height)
        var wrong: [String] = []
        for y in 0..<height {
            for x in 0..<width where bitmap[x, y] != expectedBlack(x, y) { wrong.append("(\(x),\(y))") }
        }
        #expect(wrong.isEmpty, "pixels differ at \(wrong.prefix(10))")
    }

    @Test(arguments: [
        ("8-bit gray, dynamic Huffman, all five filters", PNGFixtures.gray8Dynamic),
        ("8-bit RGB, fixed Huffman", PNGFixtures.rgb8Fixed),
        ("8-bit RGBA, transparent pixels are paper", PNGFixtures.rgba8Transparent),
        ("2-bit palette", PNGFixtures.palette2),
        ("1-bit gray, stored blocks", PNGFixtures.gray1),
        ("16-bit gray", PNGFixtures.gray16),
    ])
    func decodesFilesMadeByZlib(_ name: String, _ base64: String) throws {
        Self.checkPattern(try PNGDecoder.decode(Self.fixture(base64)))
    }

    @Test func roundTripOneBit() throws {
        var bitmap = MonochromeBitmap(width: 203, height: 41)
        for y in 0..<41 { for x in 0..<203 where (x * x + y * 5) % 7 < 3 { bitmap[x, y] = true } }
        let png = PNGEncoder.encode(bitmap)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(try PNGDecoder.decode(png) == bitmap)
    }

    @Test func roundTripLargerThanOneStoredBlock() throws {
        // 700 × 800 one-bit rows take 70 400 bytes: two stored blocks.
        var bitmap = MonochromeBitmap(width: 700, height: 800)
        for y in stride(from: 0, to: 800, by: 3) { for x in stride(from: y % 7, to: 700, by: 5) { bitmap[x, y] = true } }
        #expect(try PNGDecoder.decode(PNGEncoder.encode(bitmap)) == bitmap)
    }

    @Test func grayThresholdDecides() throws {
        let png = PNGEncoder.encodeGray(width: 4, height: 1, gray: [0, 100, 150, 255])
        #expect(try PNGDecoder.decode(png).pixels == [true, true, false, false])
        #expect(try PNGDecoder.decode(png, threshold: 160).pixels == [true, true, true, false])
    }

    @Test func checksumsMatchKnownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func rejectsWrongSignature() {
        #expect(throws: PNGError.notPNG) { try PNGDecoder.decode(Array("GIF89a......".utf8)) }
    }

    @Test func rejectsInterlaced() {
        #expect(throws: PNGError.unsupported("interlacing (Adam7)")) { try PNGDecoder.decode(Self.fixture(PNGFixtures.interlaced)) }
    }

    @Test func rejectsChecksumMismatch() {
        var png = Self.fixture(PNGFixtures.gray8Dynamic)
        png[20] ^= 0x01  // inside the IHDR data
        #expect(throws: PNGError.checksumMismatch(chunk: "IHDR")) { try PNGDecoder.decode(png) }
    }

    @Test func rejectsEveryTruncation() {
        let png = Self.fixture(PNGFixtures.gray8Dynamic)
        for length in 0..<png.count {
            #expect(throws: PNGError.self, "cut at \(length) bytes") { try PNGDecoder.decode(Array(png.prefix(length))) }
        }
    }

    @Test func damagedImageDataIsAnErrorNotACrash() throws {
        // Flip bits inside the compressed data and fix the CRC, so only inflate can notice.
        let original = Self.fixture(PNGFixtures.gray8Dynamic)
        var failures = 0
        for position in 0..<40 {
            var png = original
            guard let idat = Self.firstChunk("IDAT", in: png) else { Issue.record("no IDAT"); return }
            png[idat.data + position % idat.length] ^= UInt8(1 << (position % 8))
            let crc = CRC32.checksum(png[(idat.data - 4)..<(idat.data + idat.length)])
            png.replaceSubrange((idat.data + idat.length)..<(idat.data + idat.length + 4),
                                with: [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)])
            do { _ = try PNGDecoder.decode(png) } catch { failures += 1 }
        }
        // Almost every flip breaks the Huffman codes or the Adler-32; none may crash.
        #expect(failures >= 35)
    }

    @Test func randomBytesNeverCrash() {
        var random = SeededGenerator(seed: 42)
        for round in 0..<300 {
            var bytes = (0..<Int.random(in: 0...400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Half the inputs get a valid signature so the chunk reader is exercised too.
            if round % 2 == 0 { bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bytes }
            #expect(throws: PNGError.self) { try PNGDecoder.decode(bytes) }
            _ = try? Inflater.inflate(bytes, limit: 1 << 16)
        }
    }

    @Test func inflateLimitStopsBombs() {
        // 2 000 zeros compress to 23 bytes.
        let stored = PNGEncoderTestSupport.zlibOfZeros
        #expect(throws: InflateError.tooLarge(limit: 1000)) { try Inflater.zlibDecompress(stored, limit: 1000) }
    }

    static func firstChunk(_ type: String, in png: [UInt8]) -> (data: Int, length: Int)? {
        var offset = 8
        while offset + 8 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
            if String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self) == type { return (offset + 8, length) }
            offset += 12 + length
        }
        return nil
    }
}

enum PNGEncoderTestSupport {
    /// zlib.compress(bytes(2000)) from Python: a dynamic-Huffman stream of 2 000 zeros.
    static let zlibOfZeros: [UInt8] = [UInt8](Data(base64Encoded: "eJxjYBgFo2AUjIJRMApGwVAHAAfQAAE=")!)
}
