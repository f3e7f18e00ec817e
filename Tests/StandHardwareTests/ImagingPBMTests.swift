import StandHardware
import Testing

@Suite struct ImagingPBMTests {
    static let sample: MonochromeBitmap = {
        var bitmap = MonochromeBitmap(width: 75, height: 9)
        for y in 0..<9 { for x in 0..<75 where (x + 2 * y) % 5 == 0 || y == 4 { bitmap[x, y] = true } }
        return bitmap
    }()

    @Test(arguments: [PBMCodec.Format.plain, .raw])
    func roundTrip(_ format: PBMCodec.Format) throws {
        #expect(try PBMCodec.decode(PBMCodec.encode(Self.sample, format: format)) == Self.sample)
    }

    @Test func readsPlainWithCommentsAndWhitespace() throws {
        let text = "P1\n# a logo\n4 2\n1 0 0 1\n0110\n"
        let bitmap = try PBMCodec.decode(Array(text.utf8))
        #expect(bitmap.pixels == [true, false, false, true, false, true, true, false])
    }

    @Test func readsRawPackedRows() throws {
        // 10 pixels a row: two bytes, the last six bits padding.
        let bytes = Array("P4\n10 2\n".utf8) + [0b1000_0000, 0b0100_0000, 0b0000_0001, 0b1000_0000]
        let bitmap = try PBMCodec.decode(bytes)
        #expect((0..<10).filter { bitmap[$0, 0] } == [0, 9])
        #expect((0..<10).filter { bitmap[$0, 1] } == [7, 8])
    }

    @Test func rejectsBadInput() {
        #expect(throws: PBMError.notPBM) { try PBMCodec.decode(Array("P2\n1 1\n0".utf8)) }
        #expect(throws: PBMError.truncated) { try PBMCodec.decode(Array("P4\n16 2\n".utf8) + [0, 0, 0]) }
        #expect(throws: PBMError.truncated) { try PBMCodec.decode(Array("P1\n2 2\n1 0 1".utf8)) }
        #expect(throws: PBMError.invalidPixel("the byte 0x32")) { try PBMCodec.decode(Array("P1\n2 1\n1 2".utf8)) }
        #expect(throws: PBMError.invalidHeader("the height is not a number")) { try PBMCodec.decode(Array("P1\n2 x\n".utf8)) }
    }

    @Test func randomBytesAfterTheMagicNeverCrash() {
        var random = SeededGenerator(seed: 7)
        for round in 0..<300 {
            let body = (0..<Int.random(in: 0...60, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? PBMCodec.decode(Array((round % 2 == 0 ? "P1" : "P4").utf8) + body)
        }
    }
}
