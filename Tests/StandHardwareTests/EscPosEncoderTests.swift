import Testing
@testable import StandHardware

@Suite struct EscPosEncoderTests {
    @Test func initializeResetsSelectsUSASetAndCodePage() {
        var job = EscPosEncoder()
        job.initialize(codePage: .cp858)
        #expect(job.bytes == [0x1B, 0x40, 0x1B, 0x52, 0x00, 0x1B, 0x74, 19])
        #expect(job.codePage == .cp858)
    }

    @Test func textUsesTheSelectedPage() {
        var job = EscPosEncoder()
        job.selectCodePage(.cp852)
        job.line("łódź €")
        #expect(job.bytes == [0x1B, 0x74, 18, 0x88, 0xA2, 0x64, 0xAB, 0x20, 0x45, 0x55, 0x52, 0x0A])
    }

    @Test func lineBreaksInTextBecomeLineFeeds() {
        var job = EscPosEncoder()
        job.text("a\nb\r\nc")
        #expect(job.bytes == [0x61, 0x0A, 0x62, 0x0A, 0x63])
    }

    @Test func stylesAndAlignment() throws {
        var job = EscPosEncoder()
        job.setBold(true)
        job.setUnderline(.single)
        try job.setCharacterSize(width: 2, height: 2)
        job.setAlignment(.center)
        try job.setCharacterSize(width: 1, height: 2)
        job.setAlignment(.right)
        job.setBold(false)
        job.feed(lines: 3)
        #expect(job.bytes == [0x1B, 0x45, 1, 0x1B, 0x2D, 1, 0x1D, 0x21, 0x11, 0x1B, 0x61, 1, 0x1D, 0x21, 0x01,
                              0x1B, 0x61, 2, 0x1B, 0x45, 0, 0x1B, 0x64, 3])
        #expect(throws: EscPosError.self) { try job.setCharacterSize(width: 9, height: 1) }
    }

    @Test func qrCodeIsModel2SizeLevelStorePrint() throws {
        var job = EscPosEncoder()
        try job.qrCode("AB1", moduleSize: 5, errorCorrection: .quartile)
        #expect(job.bytes == [
            0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x05,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x32,
            0x1D, 0x28, 0x6B, 0x06, 0x00, 0x31, 0x50, 0x30, 0x41, 0x42, 0x31,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,
        ])
    }

    @Test func qrStoreLengthUsesTwoBytes() throws {
        var job = EscPosEncoder()
        try job.qrCode(String(repeating: "x", count: 300), errorCorrection: .low)
        let store = job.bytes[25...]
        #expect(Array(store.prefix(8)) == [0x1D, 0x28, 0x6B, 0x2F, 0x01, 0x31, 0x50, 0x30])   // 303 = 0x012F
    }

    @Test func qrCapacityIsEnforced() throws {
        var job = EscPosEncoder()
        try job.qrCode(String(repeating: "7", count: 7089), errorCorrection: .low)
        #expect(throws: EscPosError.qrDataTooLong(count: 7090, limit: 7089, mode: "numeric", errorCorrection: .low)) {
            try job.qrCode(String(repeating: "7", count: 7090), errorCorrection: .low)
        }
        #expect(throws: EscPosError.qrDataTooLong(count: 2332, limit: 2331, mode: "byte", errorCorrection: .medium)) {
            try job.qrCode(String(repeating: "x", count: 2332), errorCorrection: .medium)
        }
        #expect(throws: EscPosError.emptyQRCode) { try job.qrCode("") }
        let before = job.bytes
        #expect(throws: EscPosError.self) { try job.qrCode("x", moduleSize: 17) }
        #expect(job.bytes == before, "a refused command appends nothing")
    }

    @Test func ean13ValidatesOrComputesTheCheckDigit() throws {
        var job = EscPosEncoder()
        try job.barcode(.ean13("4006381333931"), height: 60, moduleWidth: 3, text: .below)
        #expect(job.bytes == [0x1D, 0x68, 60, 0x1D, 0x77, 3, 0x1D, 0x48, 2, 0x1D, 0x6B, 67, 13] + Array("4006381333931".utf8))
        var computed = EscPosEncoder()
        try computed.barcode(.ean13("400638133393"), height: 60, moduleWidth: 3)
        #expect(computed.bytes == job.bytes)
        #expect(throws: EscPosError.wrongCheckDigit(data: "4006381333932", expected: "1")) {
            try job.barcode(.ean13("4006381333932"))
        }
        #expect(throws: EscPosError.self) { try job.barcode(.ean13("40063813339")) }
        #expect(throws: EscPosError.self) { try job.barcode(.ean13("40063813339a")) }
        #expect(Barcode.ean13CheckDigit("590123412345") == "7")
    }

    @Test func code128UsesCodeSetBAndDoublesBraces() throws {
        var job = EscPosEncoder()
        try job.barcode(.code128("Ab{1"), text: .none)
        #expect(Array(job.bytes.suffix(11)) == [0x1D, 0x6B, 73, 7, 0x7B, 0x42, 0x41, 0x62, 0x7B, 0x7B, 0x31])
        #expect(job.bytes[8] == 0)
        #expect(throws: EscPosError.self) { try job.barcode(.code128("naïve")) }
    }

    @Test func code128PacksAnEvenRunOfDigitsInCodeSetC() throws {
        var digits = EscPosEncoder()
        try digits.barcode(.code128("004711"), text: .none)
        #expect(Array(digits.bytes.suffix(9)) == [0x1D, 0x6B, 73, 5, 0x7B, 0x43, 0, 47, 11])
        var odd = EscPosEncoder()
        try odd.barcode(.code128("12345"), text: .none)
        #expect(Array(odd.bytes.suffix(11)) == [0x1D, 0x6B, 73, 7, 0x7B, 0x42, 0x31, 0x32, 0x33, 0x34, 0x35])
    }

    @Test func code39TakesItsCharacterSet() throws {
        var job = EscPosEncoder()
        try job.barcode(.code39("SALE-42"))
        #expect(Array(job.bytes.suffix(11)) == [0x1D, 0x6B, 69, 7] + Array("SALE-42".utf8))
        #expect(throws: EscPosError.self) { try job.barcode(.code39("sale")) }
        #expect(throws: EscPosError.self) { try job.barcode(.code39("A*B")) }
    }

    @Test func rasterPadsRowsMostSignificantBitFirst() throws {
        // 10 × 2: row 0 has dots at x = 0 and x = 9, row 1 at x = 7 and x = 8.
        var bitmap = MonochromeBitmap(width: 10, height: 2)
        bitmap[0, 0] = true
        bitmap[9, 0] = true
        bitmap[7, 1] = true
        bitmap[8, 1] = true
        var job = EscPosEncoder()
        try job.rasterImage(bitmap, paperDots: 384)
        #expect(job.bytes == [0x1D, 0x76, 0x30, 0x00, 2, 0, 2, 0, 0x80, 0x40, 0x01, 0x80])
    }

    @Test func rasterRefusesWhatThePaperCannotHold() {
        var job = EscPosEncoder()
        #expect(throws: EscPosError.imageTooWide(width: 385, maximum: 384)) {
            try job.rasterImage(MonochromeBitmap(width: 385, height: 1), paperDots: 384)
        }
        #expect(throws: EscPosError.emptyImage) { try job.rasterImage(MonochromeBitmap(width: 0, height: 0), paperDots: 384) }
        #expect(throws: EscPosError.imageTooTall(height: 2304, maximum: 2303)) {
            try job.rasterImage(MonochromeBitmap(width: 8, height: 2304), paperDots: 384)
        }
        #expect(job.bytes.isEmpty)
        #expect(EscPosError.imageTooWide(width: 385, maximum: 384).description.contains("384"))
    }

    @Test func rasterHeightAboveOneByte() throws {
        var job = EscPosEncoder()
        try job.rasterImage(MonochromeBitmap(width: 576, height: 300), paperDots: 576)
        #expect(Array(job.bytes.prefix(8)) == [0x1D, 0x76, 0x30, 0x00, 72, 0, 0x2C, 0x01])
        #expect(job.bytes.count == 8 + 72 * 300)
    }

    @Test func cutsFeedAndCut() {
        var job = EscPosEncoder()
        job.cut(.partial, feed: 48)
        job.cut(.full)
        #expect(job.bytes == [0x1D, 0x56, 66, 48, 0x1D, 0x56, 65, 0])
    }

    @Test func drawerKickPulsesInTwoMillisecondSteps() throws {
        var job = EscPosEncoder()
        try job.kickDrawer()
        try job.kickDrawer(pin: .pin5, onMilliseconds: 50, offMilliseconds: 250)
        #expect(job.bytes == [0x1B, 0x70, 0, 50, 250, 0x1B, 0x70, 1, 25, 125])
        #expect(throws: EscPosError.self) { try job.kickDrawer(onMilliseconds: 600) }
        #expect(throws: EscPosError.self) { try job.kickDrawer(offMilliseconds: 0) }
    }

    @Test func qrLevelNumbers() {
        #expect(QRErrorCorrection.allCases.map(\.escPosNumber) == [48, 49, 50, 51])
        #expect(QRErrorCorrection(escPosNumber: 50) == .quartile)
        #expect(QRErrorCorrection(escPosNumber: 52) == nil)
    }
}
