@testable import HardwareMocks
import StandHardware
import Testing

/// The virtual printer's Code 128 symbols, checked against the symbology's published facts.
@Suite struct Code128SymbolTests {
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func theTableHas107DistinctPatternsOfElevenModulesWithEvenBars() {
        for value in 0...105 {
            let widths = Code128Symbol.widths[value].map { Int(String($0))! }
            #expect(widths.count == 6, "value \(value)")
            #expect(widths.reduce(0, +) == 11, "value \(value)")
            #expect((widths[0] + widths[2] + widths[4]) % 2 == 0, "value \(value): bars take an even number of modules")
            #expect(widths.allSatisfy { (1...4).contains($0) }, "value \(value)")
        }
        #expect(Set(Code128Symbol.widths).count == 107)
        #expect(Code128Symbol.widths[106] == "2331112")
    }

    @Test func codeSetBTextGetsStartBCheckAndStop() throws {
        // "Wikipedia": 104 + 1·55 + 2·73 + 3·75 + 4·73 + 5·80 + 6·69 + 7·68 + 8·73 + 9·65 = 3281 = 31·103 + 88.
        let symbol = try #require(Code128Symbol(escPosData: Self.ascii("{BWikipedia")))
        #expect(symbol.values == [104, 55, 73, 75, 73, 80, 69, 68, 73, 65, 88, 106])
        #expect(symbol.text == "Wikipedia")
        #expect(symbol.modules.count == 11 * 11 + 13)
        #expect(Array(symbol.modules.prefix(11)) == [true, true, false, true, false, false, true, false, false, false, false])   // 211214
        #expect(Array(symbol.modules.suffix(13)) == [true, true, false, false, false, true, true, true, false, true, false, true, true])
    }

    @Test func codeSetCTakesOneByteForEachPairOfDigits() throws {
        // "{C" 12 34 56: 105 + 1·12 + 2·34 + 3·56 = 353 = 3·103 + 44.
        let symbol = try #require(Code128Symbol(escPosData: Self.ascii("{C") + [12, 34, 56]))
        #expect(symbol.values == [105, 12, 34, 56, 44, 106])
        #expect(symbol.text == "123456")
        let padded = try #require(Code128Symbol(escPosData: Self.ascii("{C") + [0, 7]))
        #expect(padded.text == "0007")
    }

    @Test func setsChangeShiftAndFunctionsAsTheDataSays() throws {
        // "No. 123456" as {B No. {C 12 34 56: 104 + 46 + 2·79 + 3·14 + 4·99 + 5·12 + 6·34 + 7·56 = 1402 = 13·103 + 63.
        let mixed = try #require(Code128Symbol(escPosData: Self.ascii("{BNo.{C") + [12, 34, 56]))
        #expect(mixed.values == [104, 46, 79, 14, 99, 12, 34, 56, 63, 106])
        #expect(mixed.text == "No.123456")
        let shifted = try #require(Code128Symbol(escPosData: Self.ascii("{AAB{Sc{BDe{{")))
        #expect(Array(shifted.values.dropLast(2)) == [103, 33, 34, 98, 67, 100, 36, 69, 91])
        #expect(shifted.text == "ABcDe{")
        let functions = try #require(Code128Symbol(escPosData: Self.ascii("{C{1") + [1, 23]))
        #expect(Array(functions.values.dropLast(2)) == [105, 102, 1, 23])
        #expect(functions.text == "0123")
        let control = try #require(Code128Symbol(escPosData: Self.ascii("{A") + [0x09, 0x41]))
        #expect(Array(control.values.dropLast(2)) == [103, 73, 33])
    }

    @Test(arguments: [
        Array("ABC".utf8),                 // no code set selector
        Array("{B".utf8),                  // nothing to encode
        Array("{C".utf8) + [100],          // set C holds 0…99
        Array("{Aabc".utf8),               // set A has no lower case
        Array("{C{S".utf8) + [1],          // no shift in set C
        Array("{B{X".utf8),                // unknown function
        Array("{Bab{".utf8),               // a lone brace at the end
    ])
    func dataAPrinterCannotEncodeGivesNoSymbol(_ data: [UInt8]) {
        #expect(Code128Symbol(escPosData: data) == nil)
    }

    @Test func theVirtualPrinterReportsTheReadableTextOfEachCodeSet() async throws {
        var job = EscPosEncoder()
        job.initialize()
        try job.barcode(.code128("A-{1}"))
        let setC: [UInt8] = [0x1D, 0x6B, 73, 5] + Self.ascii("{C") + [40, 6, 38]
        var end = EscPosEncoder()
        end.cut()
        let printer = VirtualReceiptPrinter()
        try await printer.start()
        try await printer.print(job.bytes + setC + end.bytes)
        let receipt = try #require(printer.lastReceipt)
        #expect(receipt.barcodes.map(\.text) == ["A-{1}", "400638"])
        #expect(receipt.barcodes.map(\.symbology) == [.code128, .code128])
    }

    @Test func aBarcodeWiderThanThePaperIsCutAtItsEdge() async throws {
        var job = EscPosEncoder()
        job.initialize()
        try job.barcode(.code128("WIDER-THAN-58-MM-PAPER-1234567890"), moduleWidth: 6)
        job.cut()
        let printer = VirtualReceiptPrinter(paperWidth: .mm58)
        try await printer.start()
        try await printer.print(job.bytes)
        let picture = try #require(printer.lastReceipt).picture()
        #expect(picture.width == PaperWidth.mm58.dots)
        // One symbol is 11 modules of 6 dots: any 66 columns of the bars hold a bar.
        let edge = (picture.width - 66)..<picture.width
        #expect((0..<picture.height).contains { y in edge.contains { picture[$0, y] } }, "the bars run to the paper's edge")
    }
}
