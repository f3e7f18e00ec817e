import Foundation
import StandHardware
import Synchronization
import Testing
@testable import StandDrivers

/// The camera scanner's decode, debounce and event loop, fed with in-memory frames.
@Suite struct CameraScannerTests {
    /// The sources a scanner opened, in order.
    final class Sources: Sendable {
        let opened = Mutex<[MemoryFrameSource]>([])
        var last: MemoryFrameSource? { opened.withLock { $0.last } }
        var all: [MemoryFrameSource] { opened.withLock { $0 } }
    }

    static func scanner(_ sources: Sources, clock: ImageScannerTests.FakeClock = .init(),
                        configureError: DeviceError? = nil, symbologies: Set<Symbology> = Set(Symbology.allCases)) -> CameraScanner {
        CameraScanner(settings: .init(path: "/dev/video-test", symbologies: symbologies, pollMilliseconds: 20),
                      openSource: { _ throws(DeviceError) -> any FrameSource in
                          let source = MemoryFrameSource(configureError: configureError)
                          sources.opened.withLock { $0.append(source) }
                          return source
                      },
                      now: { clock.now })
    }

    static func codes(_ events: [DeviceEvent]) -> [ScannedCode] {
        events.compactMap { if case .codeScanned(let code) = $0 { code } else { nil } }
    }

    static func qr(_ payload: String) -> ScannedCode { ScannedCode(symbology: .qr, payload: payload) }

    @Test func aCodeSeenInManyFramesAndFormatsIsOneScanUntilTheWindowPasses() async throws {
        let sources = Sources()
        let clock = ImageScannerTests.FakeClock()
        let scanner = Self.scanner(sources, clock: clock)
        let events = scanner.events()
        try await scanner.start()
        let source = try #require(sources.last)
        #expect(source.isStarted)
        let ticket = try ZBarTestImage.qr("ticket-7 {Ä}", moduleSize: 4)
        let blank = ZBarTestImage(width: 120, height: 90, gray: [UInt8](repeating: 255, count: 120 * 90))
        let voucher = try ZBarTestImage.qr("VOUCHER:5-EUR", moduleSize: 3)
        source.push(ticket.frame(.yuyv), blank.frame(.yuyv), ticket.frame(.grey), ticket.frame(.rgb3), voucher.frame(.grey))
        let first = await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 2 }
        #expect(Self.codes(first) == [Self.qr("ticket-7 {Ä}"), Self.qr("VOUCHER:5-EUR")])

        clock.advance(.milliseconds(1500))
        source.push(ticket.frame(.yuyv))
        let again = await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 1 }
        #expect(Self.codes(again) == [Self.qr("ticket-7 {Ä}")])
        #expect(scanner.state == .enabled)
        await scanner.close()
        #expect(scanner.state == .closed)
        #expect(source.closeCount == 1)
    }

    @Test func onlyTheConfiguredSymbologiesAreReported() async throws {
        let sources = Sources()
        let scanner = Self.scanner(sources, symbologies: [.ean13])
        let events = scanner.events()
        try await scanner.start()
        let qr = try ZBarTestImage.qr("not wanted", moduleSize: 3)
        let ean = ZBarEAN13Tests.image(ZBarEAN13Tests.withCheckDigit([4, 0, 0, 6, 3, 8, 1, 3, 3, 3, 9, 3]))
        try #require(sources.last).push(qr.frame(.grey), ean.frame(.yuyv))
        let seen = await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 1 }
        #expect(Self.codes(seen) == [ScannedCode(symbology: .ean13, payload: "4006381333931")])
        await scanner.close()
    }

    @Test func incompleteFramesAreSkippedAndTheCameraKeepsScanning() async throws {
        let sources = Sources()
        let scanner = Self.scanner(sources)
        let events = scanner.events()
        try await scanner.start()
        let image = try ZBarTestImage.qr("after-the-glitch", moduleSize: 3)
        let whole = image.frame(.yuyv)
        let truncated = Frame(format: .yuyv, width: whole.width, height: whole.height, bytes: Array(whole.bytes.prefix(whole.bytes.count / 2)))
        let oddYUYV = Frame(format: .yuyv, width: 3, height: 2, bytes: [UInt8](repeating: 0, count: 12))
        let empty = Frame(format: .grey, width: 0, height: 0, bytes: [])
        try #require(sources.last).push(truncated, oddYUYV, empty, whole)
        let seen = await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 1 }
        #expect(Self.codes(seen) == [Self.qr("after-the-glitch")])
        #expect(scanner.state == .enabled)
        await scanner.close()
    }

    @Test func anUnpluggedCameraIsDisconnectedAndCanBeOpenedAgain() async throws {
        let sources = Sources()
        let scanner = Self.scanner(sources)
        let events = scanner.events()
        try await scanner.start()
        let first = try #require(sources.last)
        first.unplug()
        let seen = await EvdevKeypadTests.collect(events) { $0.contains(.stateChanged(.disconnected)) }
        #expect(seen.suffix(2) == [.disconnected, .stateChanged(.disconnected)])
        #expect(scanner.state == .disconnected)
        #expect(first.closeCount == 1)

        try await scanner.start()
        let second = try #require(sources.last)
        #expect(second !== first)
        let again = scanner.events()
        second.push(try ZBarTestImage.qr("back again", moduleSize: 3).frame(.grey))
        #expect(Self.codes(await EvdevKeypadTests.collect(again) { Self.codes($0).count >= 1 }) == [Self.qr("back again")])
        await scanner.close()
        await scanner.close()
        #expect(scanner.state == .closed)
        #expect(sources.all.map(\.closeCount) == [1, 1])
    }

    @Test func aFormatTheCameraRefusesFailsTheClaimAndTheCameraIsReleasedOnClose() async throws {
        let sources = Sources()
        let refusal = DeviceError(code: .unsupported, summary: "The camera at /dev/video-test cannot deliver RGB3 pictures.", action: "Set another format.")
        let scanner = Self.scanner(sources, configureError: refusal)
        try await scanner.open()
        await #expect(throws: refusal) { try await scanner.claim() }
        #expect(scanner.state == .opened)
        await #expect(throws: DeviceError.self) { try await scanner.enable() }
        await scanner.close()
        #expect(try #require(sources.last).closeCount == 1)
        #expect(scanner.state == .closed)
    }

    @Test func withoutLibzbarTheCameraIsNotOpenedAndSaysWhatToInstallThenOpensOnceItIsThere() async throws {
        let sources = Sources()
        let installed = Mutex(false)
        let scanner = CameraScanner(settings: .init(path: "/dev/video-test", pollMilliseconds: 20),
                                    openSource: { _ throws(DeviceError) -> any FrameSource in
                                        let source = MemoryFrameSource(configureError: nil)
                                        sources.opened.withLock { $0.append(source) }
                                        return source
                                    },
                                    makeDecoder: { symbologies throws(ZBarDecoderError) in
                                        guard installed.withLock({ $0 }) else {
                                            throw .libraryUnavailable(.notInstalled(library: "libzbar.so.0",
                                                                                    detail: "libzbar.so.0: cannot open shared object file"))
                                        }
                                        return try ZBarDecoder(symbologies: symbologies)
                                    })
        do {
            try await scanner.open()
            Issue.record("the camera opened without zbar")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.summary == "The camera scanner cannot read barcodes: zbar is not installed.")
            #expect(error.action.contains("sudo apt install libzbar0"), "\(error.action)")
        }
        #expect(scanner.state == .closed)
        #expect(sources.all.isEmpty, "the camera is not touched without a decoder")

        installed.withLock { $0 = true }
        try await scanner.open()
        #expect(scanner.state == .opened)
        await scanner.close()
    }

    @Test func theDefaultSettingsAreTheFirstCameraInYUYV() {
        let settings = CameraScanner.Settings()
        #expect(settings.path == "/dev/video0")
        #expect(settings.format == .yuyv)
        #expect(settings.debounce == .seconds(1))
        #expect(settings.symbologies == Set(Symbology.allCases))
        #expect(CameraScanner(settings: settings).identity.connection == .file(path: "/dev/video0"))
    }
}
