import StandHardware
import Testing
@testable import StandDrivers

/// EAN-13 symbols drawn from the standard L/G/R element patterns.
@Suite struct ZBarEAN13Tests {
    static let lCodes = ["0001101", "0011001", "0010011", "0111101", "0100011",
                         "0110001", "0101111", "0111011", "0110111", "0001011"]
    static let parities = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]

    static func rCode(_ digit: Int) -> String { String(lCodes[digit].map { $0 == "0" ? "1" : "0" }) }
    static func gCode(_ digit: Int) -> String { String(rCode(digit).reversed()) }

    static func withCheckDigit(_ twelve: [Int]) -> [Int] {
        let sum = twelve.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return twelve + [(10 - sum % 10) % 10]
    }

    /// A `moduleWidth`-pixel-per-module EAN-13 image with a 10-module quiet zone.
    static func image(_ digits: [Int], moduleWidth: Int = 3, height: Int = 80) -> ZBarTestImage {
        let parity = Array(parities[digits[0]])
        var modules = String(repeating: "0", count: 10) + "101"
        for index in 1...6 { modules += parity[index - 1] == "L" ? lCodes[digits[index]] : gCode(digits[index]) }
        modules += "01010"
        for index in 7...12 { modules += rCode(digits[index]) }
        modules += "101" + String(repeating: "0", count: 10)
        let row = modules.flatMap { bit in [UInt8](repeating: bit == "1" ? 0 : 255, count: moduleWidth) }
        return ZBarTestImage(width: row.count, height: height, gray: Array((0..<height).map { _ in row }.joined()))
    }

    @Test func randomEAN13NumbersRead() throws {
        let decoder = try ZBarDecoder()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10 {
            // A leading 1…9 keeps zbar from reporting the number as UPC-A.
            let digits = Self.withCheckDigit([Int.random(in: 1...9, using: &generator)]
                + (0..<11).map { _ in Int.random(in: 0...9, using: &generator) })
            let image = Self.image(digits)
            let expected = ScannedCode(symbology: .ean13, payload: digits.map(String.init).joined())
            #expect(decoder.decode(gray: image.gray, width: image.width, height: image.height) == [expected])
            let blurred = image.boxBlurred().rotated180()
            #expect(decoder.decode(gray: blurred.gray, width: blurred.width, height: blurred.height) == [expected])
        }
    }

    @Test func aKnownEAN13HasTheRightCheckDigit() {
        #expect(Self.withCheckDigit([4, 0, 0, 6, 3, 8, 1, 3, 3, 3, 9, 3]).last == 1)
    }
}
