import HardwareMocks
import StandHardware
import Testing

@Suite struct VirtualReceiptPrinterTests {
    static func startedPrinter(_ width: PaperWidth = .mm80) async throws -> VirtualReceiptPrinter {
        let printer = VirtualReceiptPrinter(paperWidth: width)
        try await printer.start()
        return printer
    }

    static let esc: UInt8 = 0x1B, gs: UInt8 = 0x1D

    /// A receipt written byte by byte, as in the Epson manual.
    static let handWritten: [UInt8] = {
        var job: [UInt8] = [esc, 0x40, esc, 0x74, 19]          // init, CP858
        job += [esc, 0x61, 1, esc, 0x45, 1] + Array("HOT DOG".utf8) + [0x0A]
        job += [esc, 0x45, 0, esc, 0x61, 0] + Array("Wurst 2,50 ".utf8) + [0xD5, 0x0A]  // 0xD5 is € in CP858
        job += [gs, 0x21, 0x11] + Array("TOTAL".utf8) + [0x0A, gs, 0x21, 0x00]
        job += [esc, 0x64, 2]
        let data = Array("sale:42".utf8)
        job += [gs, 0x28, 0x6B, 4, 0, 49, 65, 50, 0, gs, 0x28, 0x6B, 3, 0, 49, 67, 4, gs, 0x28, 0x6B, 3, 0, 49, 69, 49]
        job += [gs, 0x28, 0x6B, UInt8(data.count + 3), 0, 49, 80, 48] + data + [gs, 0x28, 0x6B, 3, 0, 49, 81, 48]
        job += [gs, 0x56, 66, 0]
        return job
    }()

    @Test func interpretsHandWrittenBytes() async throws {
        let printer = try await Self.startedPrinter()
        try await printer.print(Self.handWritten)
        let receipt = try #require(printer.lastReceipt)
        #expect(receipt.lines == [String(repeating: " ", count: 20) + "HOT DOG", "Wurst 2,50 €", "TOTAL", "", ""])
        #expect(receipt.textLines[0].styles.allSatisfy { $0.bold })
        #expect(receipt.textLines[2].styles.allSatisfy { $0.width == 2 && $0.height == 2 })
        #expect(receipt.qrPayloads == ["sale:42"])
        #expect(receipt.qrCodes.first?.errorCorrection == .medium)
        #expect(receipt.cut == .partial)
        #expect(printer.receipts.count == 1 && printer.pendingReceipt == nil)
    }

    @Test func interpretsTheEncodersOutput() async throws {
        var logo = MonochromeBitmap(width: 20, height: 8)
        for x in 0..<20 { logo[x, x % 8] = true }
        var job = EscPosEncoder()
        job.initialize(codePage: .cp852)
        job.setAlignment(.center)
        try job.rasterImage(logo, paperDots: 384)
        job.setBold(true)
        job.line("Zażółć gęślą")
        job.setBold(false)
        job.setAlignment(.left)
        job.setUnderline(.single)
        job.line("underlined")
        job.setUnderline(.none)
        try job.setCharacterSize(width: 2, height: 1)
        job.line("WIDE")
        try job.setCharacterSize()
        try job.barcode(.ean13("400638133393"))
        try job.barcode(.code128("A-{1}"))
        try job.qrCode("https://r.example/7", moduleSize: 4, errorCorrection: .quartile)
        try job.kickDrawer()
        job.feed(lines: 1)
        job.cut(.full, feed: 30)

        let printer = try await Self.startedPrinter(.mm58)
        try await printer.print(job.bytes)
        let receipt = try #require(printer.lastReceipt)
        #expect(receipt.lines == [String(repeating: " ", count: 10) + "Zażółć gęślą", "underlined", "WIDE", "", ""])
        #expect(receipt.textLines[1].styles.allSatisfy { $0.underline == 1 })
        #expect(receipt.barcodes.map(\.symbology) == [.ean13, .code128])
        #expect(receipt.barcodes.map(\.text) == ["4006381333931", "A-{1}"])
        #expect(receipt.qrPayloads == ["https://r.example/7"])
        #expect(receipt.images.first.map { Array($0.pixels.prefix(20)) } == logo.pixels.prefix(20).map { $0 })
        #expect(receipt.cut == .full)
        #expect(printer.drawerKicks == 1)
    }

    @Test func unknownCommandIsRejectedWithItsOffset() async throws {
        let printer = try await Self.startedPrinter()
        let job: [UInt8] = [0x1B, 0x40] + Array("AB".utf8) + [0x1B, 0x7A, 0x01, 0x0A]
        await #expect {
            try await printer.print(job)
        } throws: { error in
            (error as? DeviceError)?.code == .protocolViolation && "\(error)".contains("byte 4 (1B 7A 01 0A)")
        }
        #expect(printer.lastRejection?.offset == 4)
        #expect(printer.lastRejection?.bytes == [0x1B, 0x7A, 0x01, 0x0A])
        #expect(printer.receipts.isEmpty && printer.pendingReceipt == nil)
    }

    @Test(arguments: [
        ([0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xFF] as [UInt8], 0, "raster data"),
        ([0x0A, 0x1B, 0x74, 0x07] as [UInt8], 1, "ESC t 7"),
        ([0x0A, 0x0A, 0x07] as [UInt8], 2, "control byte 0x07"),
        ([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x20] as [UInt8], 0, "module size 32"),
        ([0x10, 0x04, 0x09] as [UInt8], 0, "DLE EOT 9"),
    ])
    func invalidCommandsAreRejected(_ job: [UInt8], _ offset: Int, _ reason: String) async throws {
        let printer = try await Self.startedPrinter()
        await #expect(throws: DeviceError.self) { try await printer.print(job) }
        let rejection = try #require(printer.lastRejection)
        #expect(rejection.offset == offset)
        #expect(rejection.reason.contains(reason), "\(rejection)")
    }

    @Test func paperOutMidJobKeepsThePartialReceiptAndThrows() async throws {
        let printer = try await Self.startedPrinter()
        let recorder = EventRecorder(printer)
        var job = EscPosEncoder()
        job.initialize()
        job.line("line one")
        job.line("line two")
        job.line("line three")
        job.cut()
        // The roll ends in the middle of "line three".
        let stopAt = job.bytes.count - 4 - 5
        printer.runOutOfPaper(afterBytes: stopAt)
        await #expect(throws: DeviceError.paperOut) { try await printer.print(job.bytes) }
        let partial = try #require(printer.receipts.last)
        #expect(!partial.isComplete)
        #expect(partial.lines == ["line one", "line two"])
        #expect(printer.bytesPrinted == stopAt)
        #expect(try await printer.status().paper == .out)
        _ = await recorder.wait { $0.contains { if case .printerStatus(let s) = $0 { s.paper == .out } else { false } } }
        await #expect(throws: DeviceError.paperOut) { try await printer.print(job.bytes) }

        printer.loadPaper()
        try await printer.print(job.bytes)
        #expect(printer.receipts.count == 2)
        #expect(printer.lastReceipt?.isComplete == true)
        #expect(printer.lastReceipt?.lines == ["line one", "line two", "line three"])
    }

    @Test func coverOpenAndPaperLowShowInStatusAndEvents() async throws {
        let printer = try await Self.startedPrinter()
        let recorder = EventRecorder(printer)
        printer.setPaperLow()
        #expect(try await printer.status() == PrinterStatus(paper: .low, drawerSensorHigh: false))
        try await printer.print([0x1B, 0x40, 0x41, 0x0A])
        printer.openCover()
        let status = try await printer.status()
        #expect(status.coverOpen && !status.online && status.blockingError == .coverOpen)
        await #expect(throws: DeviceError.coverOpen) { try await printer.print([0x41, 0x0A]) }
        printer.closeCover()
        try await printer.print([0x41, 0x0A])
        let events = await recorder.wait { $0.count >= 3 }
        #expect(events.contains(.printerStatus(PrinterStatus(paper: .low, drawerSensorHigh: false))))
        #expect(events.contains(.printerStatus(PrinterStatus(online: false, paper: .low, coverOpen: true, drawerSensorHigh: false))))
    }

    @Test func unplugThrowsDisconnectedUntilReopened() async throws {
        let printer = try await Self.startedPrinter()
        let recorder = EventRecorder(printer)
        printer.unplug()
        #expect(printer.state == .disconnected)
        await #expect(throws: DeviceError.disconnected(.receiptPrinter, detail: "unplugged by the test")) {
            try await printer.print([0x41, 0x0A])
        }
        await #expect(throws: DeviceError.self) { try await printer.start() }
        printer.plugIn()
        try await printer.start()
        try await printer.print([0x41, 0x0A])
        let events = await recorder.wait(for: .stateChanged(.enabled))
        #expect(events.starts(with: [.disconnected, .stateChanged(.disconnected), .reconnected]))
    }

    @Test func slowPrinterTakesTimeAndCanBeUnpluggedMidJob() async throws {
        let printer = try await Self.startedPrinter()
        printer.setSlow(delayPerChunk: .milliseconds(10), chunkSize: 8)
        let clock = ContinuousClock()
        let job = [UInt8](repeating: 0x41, count: 40) + [0x0A]
        let elapsed = try await clock.measure { try await printer.print(job) }
        #expect(elapsed >= .milliseconds(50))

        let task = Task { try await printer.print([UInt8](repeating: 0x42, count: 400)) }
        try await Task.sleep(for: .milliseconds(40))
        printer.unplug()
        await #expect(throws: DeviceError.self) { try await task.value }
        #expect(printer.bytesPrinted < 41 + 400)
    }

    @Test func statusRequestsAreAnsweredOnReadBack() async throws {
        let printer = try await Self.startedPrinter()
        let drawer = VirtualCashDrawer()
        try await drawer.start()
        printer.connect(drawer: drawer)
        printer.setPaperLow()
        try await printer.print([0x10, 0x04, 0x01, 0x10, 0x04, 0x04, 0x1B, 0x70, 0x00, 0x32, 0xFA, 0x10, 0x04, 0x01])
        // Before the kick the drawer is closed; after it, pin 3 is high.
        #expect(printer.readBack() == [0x12, 0x12 | 0x0C, 0x12 | 0x04])
        #expect(printer.readBack().isEmpty)
        #expect(drawer.pulses.map(\.source) == [.printerKick])
        #expect(try await printer.status().drawerSensorHigh == true)
    }

    @Test func longLinesWrapAtTheColumns() async throws {
        let printer = try await Self.startedPrinter(.mm58)
        try await printer.print(Array(String(repeating: "x", count: 40).utf8) + [0x0A, 0x1D, 0x56, 0x00])
        #expect(printer.lastReceipt?.lines == [String(repeating: "x", count: 32), String(repeating: "x", count: 8)])
    }

    @Test func printingNeedsAnEnabledPrinter() async throws {
        let printer = VirtualReceiptPrinter()
        await #expect(throws: DeviceError.wrongState(.closed, "print")) { try await printer.print([0x0A]) }
    }

    @Test(.enabled(if: ZBarImageReader.isAvailable, "needs zbarimg: run scripts/setup or apt-get install zbar-tools"))
    func pictureShowsTextAndScannableCodes() async throws {
        var job = EscPosEncoder()
        job.initialize(codePage: .cp858)
        job.setAlignment(.center)
        try job.setCharacterSize(width: 2, height: 2)
        job.line("Hot Dog Heaven")
        try job.setCharacterSize()
        job.line("Total 7,50 €")
        try job.qrCode("https://r.example/sale/0042", moduleSize: 5)
        try job.barcode(.ean13("400638133393"))
        job.cut()
        let printer = try await Self.startedPrinter()
        try await printer.print(job.bytes)
        let receipt = try #require(printer.lastReceipt)
        let picture = receipt.picture()
        #expect(picture.width == 576)
        // The first text line is dark in its double-height band and the left margin stays white.
        let firstBand = (12..<60).flatMap { y in (0..<576).map { picture[$0, y] } }
        #expect(firstBand.contains(true))
        #expect((0..<picture.height).allSatisfy { !picture[0, $0] })
        let codes = try ZBarImageReader.decodeAll(png: receipt.png())
        #expect(Set(codes) == ["https://r.example/sale/0042", "4006381333931"])
    }
}
