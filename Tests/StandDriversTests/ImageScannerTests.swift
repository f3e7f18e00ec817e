import Foundation
import StandHardware
import Synchronization
import Testing
@testable import StandDrivers

@Suite struct ImageScannerTests {
    final class FakeClock: Sendable {
        let start = ContinuousClock.now
        let offset = Mutex(Duration.zero)
        func advance(_ by: Duration) { offset.withLock { $0 += by } }
        var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
    }

    static func temporaryFile(_ bytes: [UInt8], suffix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).\(suffix)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func framesEmitEachCodeOnceWithinTheDebounceWindow() async throws {
        let clock = FakeClock()
        let scanner = ImageScanner(decoder: try ZBarDecoder(), now: { clock.now })
        let events = scanner.events()
        try await scanner.start()
        let image = try ZBarTestImage.qr("ticket-7", moduleSize: 3)
        let code = ScannedCode(symbology: .qr, payload: "ticket-7")
        #expect(try scanner.feed(gray: image.gray, width: image.width, height: image.height) == [code])
        clock.advance(.milliseconds(400))
        #expect(try scanner.feed(gray: image.gray, width: image.width, height: image.height) == [])
        clock.advance(.milliseconds(1500))
        #expect(try scanner.feed(gray: image.gray, width: image.width, height: image.height) == [code])
        await scanner.close()
        var scanned: [ScannedCode] = []
        for await event in events {
            if case .codeScanned(let value) = event { scanned.append(value) }
            if case .stateChanged(.closed) = event { break }
        }
        #expect(scanned == [code, code])
    }

    @Test func aClosedScannerRefusesFrames() throws {
        let scanner = ImageScanner(decoder: try ZBarDecoder())
        #expect(throws: DeviceError.self) { try scanner.feed(gray: [255], width: 1, height: 1) }
    }

    @Test func pngPgmAndPbmFilesAreRead() async throws {
        let scanner = ImageScanner(decoder: try ZBarDecoder(), debounce: .zero)
        try await scanner.start()
        let image = try ZBarTestImage.qr("file-9", moduleSize: 4)
        let code = ScannedCode(symbology: .qr, payload: "file-9")
        let png = try Self.temporaryFile(PNGEncoder.encodeGray(width: image.width, height: image.height, gray: image.gray), suffix: "png")
        let pgm = try Self.temporaryFile(Array("P5\n# test\n\(image.width) \(image.height)\n255\n".utf8) + image.gray, suffix: "pgm")
        let rowBytes = (image.width + 7) / 8
        var bits = [UInt8](repeating: 0, count: rowBytes * image.height)
        for y in 0..<image.height { for x in 0..<image.width where image[x, y] < 128 {
            bits[y * rowBytes + x / 8] |= 0x80 >> UInt8(x % 8)
        } }
        let pbm = try Self.temporaryFile(Array("P4 \(image.width) \(image.height)\n".utf8) + bits, suffix: "pbm")
        let asciiPGM = try Self.temporaryFile(Array("P2 \(image.width) \(image.height) 15\n".utf8)
            + Array(image.gray.map { String($0 / 17) }.joined(separator: " ").utf8), suffix: "pgm")
        defer { for path in [png, pgm, pbm, asciiPGM] { try? FileManager.default.removeItem(atPath: path) } }
        for path in [png, pgm, pbm, asciiPGM] {
            #expect(try scanner.feed(file: path) == [code], "\(path)")
        }
    }

    @Test func unreadableAndDamagedFilesAreNamedInTheError() throws {
        #expect(throws: GrayscaleImageError.unsupportedFormat(path: "x.txt")) {
            try GrayscaleImage(fileData: Array("hello".utf8), path: "x.txt")
        }
        #expect(throws: GrayscaleImageError.invalid(path: "t.pgm", reason: "the pixel data is truncated")) {
            try GrayscaleImage(fileData: Array("P5 4 4 255\n".utf8) + [1, 2], path: "t.pgm")
        }
        do {
            _ = try GrayscaleImage(contentsOf: "/nonexistent/scan.png")
            Issue.record("a missing file was read")
        } catch {
            #expect(error.description.contains("/nonexistent/scan.png"))
        }
    }

    @Test func aFileTheScannerCannotUseIsOneSentenceEachWithWhatToDo() async throws {
        let scanner = ImageScanner(decoder: try ZBarDecoder())
        try await scanner.start()
        do {
            _ = try scanner.feed(file: "/nonexistent/scan.png")
            Issue.record("a missing file was scanned")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.summary == "The scanner cannot use this picture.")
            #expect(error.action.hasPrefix("Cannot read /nonexistent/scan.png ("))
            #expect(error.action.hasSuffix("). Check the path and its permissions."))
            #expect(!error.description.contains(".."))
        }
    }
}
