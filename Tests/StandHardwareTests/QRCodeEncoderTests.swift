import HardwareMocks
import StandHardware
import Testing

@Suite struct QRCodeEncoderTests {

    static func scan(_ code: QRCode) throws -> [UInt8] {
        try ZBarImageReader.decodeBytes(png: PNGEncoder.encode(code.bitmap(moduleSize: 3)))
    }

    @Test func versionOneHelloWorldHasKnownStructure() throws {
        let code = try QRCodeEncoder.encode(Array("HELLO WORLD".utf8), errorCorrection: .quartile)
        #expect(code.version == 1)
        #expect(code.size == 21)
        // Finder pattern corners and the always-dark module.
        #expect(code[0, 0] && code[6, 0] && code[0, 6] && code[6, 6] && !code[1, 1] && code[2, 2])
        #expect(code[20, 0] && code[0, 20])
        #expect(code[8, code.size - 8])
        // Timing pattern alternates.
        #expect((8...12).map { code[$0, 6] } == [true, false, true, false, true])
    }

    @Test func capacityMatchesTheStandardTable() {
        // ISO/IEC 18004 table 7, byte mode.
        #expect(QRCodeEncoder.byteCapacity(version: 1, errorCorrection: .low) == 17)
        #expect(QRCodeEncoder.byteCapacity(version: 1, errorCorrection: .high) == 7)
        #expect(QRCodeEncoder.byteCapacity(version: 10, errorCorrection: .medium) == 213)
        #expect(QRCodeEncoder.byteCapacity(version: 40, errorCorrection: .low) == 2953)
        #expect(QRCodeEncoder.byteCapacity(version: 40, errorCorrection: .high) == 1273)
    }

    @Test func tooLongPayloadIsRejected() {
        #expect(throws: QRCodeError.dataTooLong(bytes: 1274, maximum: 1273, errorCorrection: .high)) {
            try QRCodeEncoder.encode([UInt8](repeating: 0x41, count: 1274), errorCorrection: .high)
        }
    }

    @Test func usesTheSmallestVersionThatFits() throws {
        #expect(try QRCodeEncoder.encode([UInt8](repeating: 1, count: 17), errorCorrection: .low).version == 1)
        #expect(try QRCodeEncoder.encode([UInt8](repeating: 1, count: 18), errorCorrection: .low).version == 2)
        #expect(try QRCodeEncoder.encode([1], errorCorrection: .low, minimumVersion: 7).version == 7)
    }

    @Test(.enabled(if: ZBarImageReader.isAvailable, "needs zbarimg: run scripts/setup or apt-get install zbar-tools"))
    func randomPayloadsScanAtEveryLevelAndManyVersions() throws {
        var random = SeededGenerator(seed: 0x5754_414E_444B_4954)
        var versions = Set<Int>()
        for round in 0..<32 {
            let level = QRErrorCorrection.allCases[round % 4]
            // Lengths spread over versions 1…14 at this level.
            let targetVersion = 1 + round % 14
            let smaller = targetVersion == 1 ? 0 : QRCodeEncoder.byteCapacity(version: targetVersion - 1, errorCorrection: level)
            let length = Int.random(in: (smaller + 1)...QRCodeEncoder.byteCapacity(version: targetVersion, errorCorrection: level), using: &random)
            let payload = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let code = try QRCodeEncoder.encode(payload, errorCorrection: level)
            #expect(code.version == targetVersion)
            versions.insert(code.version)
            #expect(try Self.scan(code) == payload, "round \(round): \(length) bytes, version \(code.version), level \(level)")
        }
        #expect(versions == Set(1...14))
    }

    @Test(.enabled(if: ZBarImageReader.isAvailable, "needs zbarimg: run scripts/setup or apt-get install zbar-tools"),
          arguments: [15, 20, 27, 33, 40])
    func largeVersionsScan(version: Int) throws {
        let level = QRErrorCorrection.allCases[version % 4]
        let length = QRCodeEncoder.byteCapacity(version: version, errorCorrection: level)
        var random = SeededGenerator(seed: UInt64(version))
        let payload = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
        let code = try QRCodeEncoder.encode(payload, errorCorrection: level)
        #expect(code.version == version)
        #expect(try Self.scan(code) == payload)
    }

    @Test func everyMaskIsUsedAcrossPayloads() throws {
        var masks = Set<Int>()
        for n in 0..<200 where masks.count < 8 {
            masks.insert(try QRCodeEncoder.encode(Array("sale-\(n)".utf8), errorCorrection: .medium).mask)
        }
        #expect(masks.count == 8)
    }
}
