import HardwareMocks
import StandHardware
import Testing
@testable import StandDrivers

/// Barcodes printed as ESC/POS on the virtual receipt printer, read back from its picture.
@Suite struct ZBarPrintedBarcodeTests {
    static func printedPicture(_ barcode: Barcode) async throws -> ZBarTestImage {
        var job = EscPosEncoder()
        job.initialize()
        job.setAlignment(.center)
        job.line("Stand 1")
        try job.barcode(barcode, moduleWidth: 3)
        job.cut()
        let printer = VirtualReceiptPrinter()
        try await printer.start()
        try await printer.print(job.bytes)
        let picture = try #require(printer.lastReceipt).picture()
        let gray = (0..<picture.height).flatMap { y in (0..<picture.width).map { picture[$0, y] ? UInt8(0) : 255 } }
        return ZBarTestImage(width: picture.width, height: picture.height, gray: gray)
    }

    @Test func aPrintedEAN13ReadsBack() async throws {
        let decoder = try ZBarDecoder()
        let ean = try await Self.printedPicture(.ean13("400638133393"))
        #expect(decoder.decode(gray: ean.gray, width: ean.width, height: ean.height)
            .contains(ScannedCode(symbology: .ean13, payload: "4006381333931")))
    }
}
