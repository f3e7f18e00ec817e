import Foundation
import HardwareMocks
import StandHardware
@testable import StandDrivers
import Testing

/// CameraScanner (zbar's V4L2 capture, format fixed, never negotiated) against the v4l2loopback
/// camera of the hardware-in-the-loop VM, with frames streamed into it by LoopbackCameraWriter.
/// The writer always starts first: the loopback device has a capture format only after the
/// writer's first frame.
@Suite(.serialized, .enabled(if: HILEnvironment.current.has(.video),
                             Comment(rawValue: HILEnvironment.skipReason(needs: "the v4l2loopback camera"))))
struct HILCameraTests {
    let video: String

    init() throws {
        video = try HILEnvironment.current.value(.video)
    }

    func scanner(_ format: FrameFormat) -> CameraScanner {
        CameraScanner(settings: .init(path: video, format: format, debounce: .seconds(1), pollMilliseconds: 50))
    }

    static func qr(_ payload: String) throws -> CameraPicture { try ZBarTestImage.qr(payload, moduleSize: 6).picture }

    static func scans(_ events: [DeviceEvent]) -> [ScannedCode] {
        events.compactMap { if case .codeScanned(let code) = $0 { code } else { nil } }
    }

    @Test func aQRCodeHeldInViewIsOneScanAndShownAgainIsTheNext() async throws {
        let code = ScannedCode(symbology: .qr, payload: "HIL-ORDER-0042")
        let writer = LoopbackCameraWriter(path: video, format: .grey)
        writer.show(try Self.qr(code.payload))
        try writer.start()
        let scanner = scanner(.grey)
        let log = USBPrinterPlugTests.EventLog(scanner)
        try await scanner.start()

        #expect(await eventually { Self.scans(log.all).count >= 1 }, "no scan; \(writer.framesWritten) frames written")
        let firstSeen = ContinuousClock.now
        try await Task.sleep(until: firstSeen + .milliseconds(1500))
        #expect(Self.scans(log.all) == [code], "held in view for 1.5 s")

        writer.show(nil)
        try await Task.sleep(for: .milliseconds(1400))
        writer.show(try Self.qr(code.payload))
        #expect(await eventually { Self.scans(log.all).count >= 2 }, "shown again after a second away")
        #expect(Self.scans(log.all) == [code, code])
        #expect(writer.failure == nil, "\(writer.failure.map(String.init(describing:)) ?? "")")
        await scanner.close()
        await writer.stop()
    }

    @Test func anEAN13InYUYVFramesIsScannedAndAQRCodeBesideItIsTheOnlyNewScan() async throws {
        let digits = ZBarEAN13Tests.withCheckDigit([4, 0, 0, 6, 3, 8, 1, 3, 3, 3, 9, 3])
        let code = ScannedCode(symbology: .ean13, payload: digits.map(String.init).joined())
        let ean13 = ZBarEAN13Tests.image(digits, moduleWidth: 3, height: 120)
        let writer = LoopbackCameraWriter(path: video, format: .yuyv)
        writer.show(ean13.picture)
        try writer.start()
        let scanner = scanner(.yuyv)
        let log = USBPrinterPlugTests.EventLog(scanner)
        try await scanner.start()
        #expect(await eventually { Self.scans(log.all).count >= 1 }, "no scan; \(writer.framesWritten) frames written")
        #expect(Self.scans(log.all) == [code])

        // Each code is debounced on its own: the one still in view does not count again.
        let qr = ScannedCode(symbology: .qr, payload: "HIL-BESIDE")
        writer.show(ean13.besides(try ZBarTestImage.qr(qr.payload, moduleSize: 6)).picture)
        #expect(await eventually { Self.scans(log.all).count >= 2 }, "the QR code beside the EAN-13 was not scanned")
        try await Task.sleep(for: .milliseconds(300))
        #expect(Self.scans(log.all) == [code, qr])
        await scanner.close()
        await writer.stop()
    }

    @Test func withoutAWriterTheCameraIsNotFound() async throws {
        let scanner = scanner(.grey)
        let refused = try #require(await #expect(throws: DeviceError.self) { try await scanner.start() })
        #expect(refused.code == .notFound, "\(refused)")
        #expect(refused.summary == "\(video) is a video device that does not capture pictures.")
        await scanner.close()
    }

    @Test func aFormatTheCameraDoesNotDeliverIsRefusedInWordsAndNeverNegotiated() async throws {
        let writer = LoopbackCameraWriter(path: video, format: .grey)
        try writer.start()
        let scanner = scanner(.yuyv)
        let refused = try #require(await #expect(throws: DeviceError.self) { try await scanner.start() })
        #expect(refused.code == .unsupported, "\(refused)")
        #expect(refused.summary == "The camera at \(video) cannot deliver YUYV pictures.")
        #expect(scanner.state == .opened)
        await scanner.close()

        // The camera is let go: a scanner asking for what it delivers takes it at once.
        let matching = self.scanner(.grey)
        try await matching.start()
        #expect(matching.state == .enabled)
        await matching.close()
        await writer.stop()
    }

    @Test func theScannerSurvivesTheWriterStoppingAndStartingAndAReopenScansAgain() async throws {
        let first = ScannedCode(symbology: .qr, payload: "HIL-PLUG-1")
        let second = ScannedCode(symbology: .qr, payload: "HIL-PLUG-2")
        let third = ScannedCode(symbology: .qr, payload: "HIL-PLUG-3")
        let writer = LoopbackCameraWriter(path: video, format: .grey)
        writer.show(try Self.qr(first.payload))
        try writer.start()
        let scanner = scanner(.grey)
        let log = USBPrinterPlugTests.EventLog(scanner)
        try await scanner.start()
        #expect(await eventually { Self.scans(log.all) == [first] })

        // The writer going away leaves the loopback node in place with its format: the scanner
        // sees no more frames, keeps waiting and is not disconnected.
        await writer.stop()
        try await Task.sleep(for: .milliseconds(700))
        #expect(scanner.state == .enabled)
        #expect(!log.all.contains(.disconnected))

        writer.show(try Self.qr(second.payload))
        try writer.start()
        #expect(await eventually { Self.scans(log.all) == [first, second] }, "no scan after the writer came back")

        // Closed and the writer restarted, then opened again as the supervisor does.
        await scanner.close()
        await writer.stop()
        writer.show(try Self.qr(third.payload))
        try writer.start()
        try await scanner.start()
        #expect(await eventually { Self.scans(log.all) == [first, second, third] }, "no scan after the reopen")
        await scanner.close()
        await writer.stop()
    }
}

extension ZBarTestImage {
    /// The same picture, for the loopback camera to show.
    var picture: CameraPicture { CameraPicture(width: width, height: height, luminance: gray) }
}
