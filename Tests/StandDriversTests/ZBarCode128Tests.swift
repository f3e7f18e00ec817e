import HardwareMocks
import StandHardware
import Testing
@testable import StandDrivers

/// CODE128 printed as ESC/POS on the virtual receipt printer, read back by zbar from its picture.
@Suite struct ZBarCode128Tests {
    static func picture(printing job: [UInt8]) async throws -> ZBarTestImage {
        let printer = VirtualReceiptPrinter()
        try await printer.start()
        try await printer.print(job)
        let picture = try #require(printer.lastReceipt).picture()
        let gray = (0..<picture.height).flatMap { y in (0..<picture.width).map { picture[$0, y] ? UInt8(0) : 255 } }
        return ZBarTestImage(width: picture.width, height: picture.height, gray: gray)
    }

    /// A receipt with `barcode` between two lines of text, as the encoder writes it.
    static func encoded(_ barcode: Barcode, moduleWidth: Int) throws -> [UInt8] {
        var job = EscPosEncoder()
        job.initialize()
        job.setAlignment(.center)
        job.line("Stand 1")
        try job.barcode(barcode, moduleWidth: moduleWidth)
        job.line("Thank you")
        job.cut()
        return job.bytes
    }

    /// A receipt with a `GS k 73` command carrying `data` as given (code set C, set changes).
    static func raw(_ data: [UInt8], moduleWidth: UInt8 = 2) -> [UInt8] {
        var job = EscPosEncoder()
        job.initialize()
        job.line("Stand 1")
        let barcode: [UInt8] = [0x1D, 0x68, 80, 0x1D, 0x77, moduleWidth, 0x1D, 0x48, 2, 0x1D, 0x6B, 73, UInt8(data.count)] + data
        var end = EscPosEncoder()
        end.cut()
        return job.bytes + barcode + end.bytes
    }

    static func read(_ job: [UInt8]) async throws -> [ScannedCode] {
        let image = try await picture(printing: job)
        return try ZBarDecoder().decode(gray: image.gray, width: image.width, height: image.height)
    }

    static func code128(_ text: String) -> [ScannedCode] { [ScannedCode(symbology: .code128, payload: text)] }

    @Test(arguments: ["A-{1}", "Hot Dog #42", "ticket-7/x?y=1&z=~", "0123456789", "x", "VOUCHER 5 EUR"])
    func textPrintedThroughTheEncoderReadsBack(_ text: String) async throws {
        for moduleWidth in [2, 3] where (text.count + 5) * 11 * moduleWidth <= 576 {
            #expect(try await Self.read(Self.encoded(.code128(text), moduleWidth: moduleWidth)) == Self.code128(text),
                    "module width \(moduleWidth)")
        }
    }

    @Test func everyPrintableCharacterOfCodeSetBReadsBack() async throws {
        let printable = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }
        for start in stride(from: 0, to: printable.count, by: 16) {
            let text = String(printable[start..<min(start + 16, printable.count)])
            #expect(try await Self.read(Self.encoded(.code128(text), moduleWidth: 2)) == Self.code128(text))
        }
    }

    @Test func randomTextReadsBack() async throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let length = Int.random(in: 1...18, using: &generator)
            let text = String((0..<length).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &generator))) })
            #expect(try await Self.read(Self.encoded(.code128(text), moduleWidth: 2)) == Self.code128(text), "\(text.debugDescription)")
        }
    }

    @Test func digitsInCodeSetCReadBackForEveryPairValue() async throws {
        for start in stride(from: 0, to: 100, by: 20) {
            let pairs = (start..<(start + 20)).map(UInt8.init)
            let digits = pairs.map { ($0 < 10 ? "0" : "") + String($0) }.joined()
            #expect(try await Self.read(Self.raw(Array("{C".utf8) + pairs)) == Self.code128(digits))
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<6 {
            // Up to 10 pairs: wider than that, the bars at module width 3 run off 80 mm paper.
            let pairs = (0..<Int.random(in: 1...10, using: &generator)).map { _ in UInt8.random(in: 0...99, using: &generator) }
            let digits = pairs.map { ($0 < 10 ? "0" : "") + String($0) }.joined()
            #expect(try await Self.read(Self.raw(Array("{C".utf8) + pairs, moduleWidth: 3)) == Self.code128(digits))
        }
    }

    @Test func mixedCodeSetsReadBackAsOneText() async throws {
        #expect(try await Self.read(Self.raw(Array("{BNo.{C".utf8) + [12, 34, 56])) == Self.code128("No.123456"))
        #expect(try await Self.read(Self.raw(Array("{C".utf8) + [40, 6, 38] + Array("{BSausage{C".utf8) + [99, 1]))
            == Self.code128("400638Sausage9901"))
        #expect(try await Self.read(Self.raw(Array("{AROLL-{Sx{B-mustard".utf8))) == Self.code128("ROLL-x-mustard"))
        #expect(try await Self.read(Self.raw(Array("{Bbun{AXL".utf8))) == Self.code128("bunXL"))
    }
}
