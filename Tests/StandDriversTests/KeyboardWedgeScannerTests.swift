#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks
import StandHardware
import Testing
@testable import StandDrivers

/// The keyboard-wedge scanner fed kernel-format `input_event` records through a FIFO (the seam
/// `EvdevKeypadTests` uses), and through a real uinput keyboard where the machine has one.
@Suite struct KeyboardWedgeScannerTests {
    typealias Device = EvdevKeypadTests.FakeInputDevice

    /// Linux key codes of a US keyboard: character → (key, needs shift).
    static let usKeys: [Character: (code: UInt16, shift: Bool)] = {
        var keys: [Character: (code: UInt16, shift: Bool)] = [:]
        func row(_ first: UInt16, _ plain: String, _ shifted: String) {
            for (offset, (p, s)) in zip(plain, shifted).enumerated() {
                keys[p] = (first + UInt16(offset), false)
                keys[s] = (first + UInt16(offset), true)
            }
        }
        row(2, "1234567890-=", "!@#$%^&*()_+")
        row(16, "qwertyuiop[]", "QWERTYUIOP{}")
        row(30, "asdfghjkl;'`", "ASDFGHJKL:\"~")
        row(43, "\\zxcvbnm,./", "|ZXCVBNM<>?")
        keys[" "] = (57, false)
        return keys
    }()

    static let enter: UInt16 = 28
    static let leftShift: UInt16 = 42

    /// The records a USB scanner sends for `text` and Enter: MSC_SCAN, key down, SYN, key up,
    /// SYN for each key, shift held around shifted characters; one millisecond a key from `at`.
    static func typed(_ text: String, at start: Int64 = 10_000, terminator: UInt16 = enter) -> [UInt8] {
        var bytes: [UInt8] = []
        var time = start
        func key(_ code: UInt16, _ value: Int32) {
            bytes += InputEvent(seconds: time / 1000, microseconds: (time % 1000) * 1000, type: 4, code: 4, value: Int32(code)).bytes
            bytes += EvdevKeypadTests.key(code, value, at: time) + EvdevKeypadTests.sync
            time += 1
        }
        for character in text {
            guard let (code, shift) = usKeys[character] else { preconditionFailure("no US key types \(character)") }
            if shift { key(leftShift, 1) }
            key(code, 1)
            key(code, 0)
            if shift { key(leftShift, 0) }
        }
        key(terminator, 1)
        key(terminator, 0)
        return bytes
    }

    static func scanner(_ device: Device, symbology: Symbology? = nil, clock: ImageScannerTests.FakeClock = .init()) -> KeyboardWedgeScanner {
        KeyboardWedgeScanner(settings: .init(path: device.path, symbology: symbology, grabsExclusively: false, pollMilliseconds: 20),
                             model: "test wedge", now: { clock.now })
    }

    static func codes(_ events: [DeviceEvent]) -> [ScannedCode] {
        events.compactMap { if case .codeScanned(let code) = $0 { code } else { nil } }
    }

    @Test func aQRPayloadWithShiftedCharactersIsOneScan() async throws {
        let device = try Device()
        let scanner = Self.scanner(device)
        try await scanner.start()
        device.connect()
        let events = scanner.events()
        let payload = #"https://r.example/V?id=A7&x={Q:1}|"Hot Dog" ~50%"#
        let bytes = Self.typed(payload)
        device.write(Array(bytes.prefix(1000)))
        try await Task.sleep(for: .milliseconds(30))
        device.write(Array(bytes.dropFirst(1000)))
        let seen = await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 1 }
        #expect(Self.codes(seen) == [ScannedCode(symbology: .qr, payload: payload)])
        #expect(scanner.state == .enabled)
        await scanner.close()
        #expect(scanner.state == .closed)
    }

    @Test func twoScansAreTwoCodesAndARepeatWithinTheWindowIsNot() async throws {
        let device = try Device()
        let clock = ImageScannerTests.FakeClock()
        let scanner = Self.scanner(device, clock: clock)
        try await scanner.start()
        device.connect()
        let events = scanner.events()
        device.write(Self.typed("4006381333931", at: 1_000) + Self.typed("4006381333931", at: 1_200)
            + Self.typed("VOUCHER-5", at: 1_400))
        let first = await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 2 }
        #expect(Self.codes(first) == [ScannedCode(symbology: .ean13, payload: "4006381333931"),
                                      ScannedCode(symbology: .qr, payload: "VOUCHER-5")])
        clock.advance(.seconds(2))
        device.write(Self.typed("4006381333931", at: 4_000))
        let again = await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 1 }
        #expect(Self.codes(again) == [ScannedCode(symbology: .ean13, payload: "4006381333931")])
        await scanner.close()
    }

    @Test func garbageBetweenScansIsDropped() async throws {
        let device = try Device()
        let scanner = Self.scanner(device, symbology: .code128)
        try await scanner.start()
        device.connect()
        let events = scanner.events()
        var garbage: [UInt8] = []
        garbage += EvdevKeypadTests.key(Self.enter, 1, at: 500)              // Enter with nothing typed
        garbage += EvdevKeypadTests.key(59, 1, at: 501) + EvdevKeypadTests.key(59, 0, at: 502)    // F1
        garbage += EvdevKeypadTests.key(103, 1, at: 503) + EvdevKeypadTests.key(29, 1, at: 504)   // Up, left Ctrl
        garbage += EvdevKeypadTests.key(30, 0, at: 505)                       // a release without its press
        garbage += Array(Self.typed("HALF", at: 600).dropLast(4 * InputEvent.byteCount * 2))  // a code cut off before Enter
        garbage += EvdevKeypadTests.key(31, 2, at: 700)                       // autorepeat of s
        garbage += InputEvent(seconds: 0, microseconds: 800_000, type: 0x11, code: 1, value: 1).bytes   // EV_LED
        device.write(garbage + Self.typed("ROLL-42", at: 2_000))
        let seen = await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 1 }
        #expect(Self.codes(seen) == [ScannedCode(symbology: .code128, payload: "ROLL-42")])
        await scanner.close()
    }

    @Test func anUnpluggedScannerIsDisconnectedAndCanBeOpenedAgain() async throws {
        let device = try Device()
        let scanner = Self.scanner(device)
        try await scanner.start()
        device.connect()
        let events = scanner.events()
        device.unplug()
        let seen = await EvdevKeypadTests.collect(events) { $0.contains(.stateChanged(.disconnected)) }
        #expect(seen.suffix(2) == [.disconnected, .stateChanged(.disconnected)])
        #expect(scanner.state == .disconnected)

        try await scanner.start()
        device.connect()
        let again = scanner.events()
        device.write(Self.typed("12345670", at: 9_000))
        #expect(Self.codes(await EvdevKeypadTests.collect(again) { Self.codes($0).count >= 1 })
            == [ScannedCode(symbology: .ean8, payload: "12345670")])
        await scanner.close()
        await scanner.close()
        #expect(scanner.state == .closed)
    }

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: EvdevUInputKeypadTests.uinputPath),
                   "needs a writable /dev/uinput (modprobe uinput; run as root or in the uinput group)"))
    func aRealScannerThatVanishesReportsDisconnected() async throws {
        let name = "StandKit Test Wedge Scanner \(getpid())"
        let virtual = try EvdevUInputKeypadTests.keypad(name, keys: Array(2...11) + [Self.enter])
        var path: String?
        for _ in 0..<50 where path == nil {
            path = try? InputDeviceLocator.path(forDeviceNamed: name)
            if path == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let scanner = KeyboardWedgeScanner(settings: .init(path: try #require(path), pollMilliseconds: 20))
        try await scanner.start()
        let events = scanner.events()
        try virtual.type([2, 3, 4, Self.enter])  // 1 2 3 Enter
        #expect(Self.codes(await EvdevKeypadTests.collect(events) { Self.codes($0).count >= 1 }) == [ScannedCode(symbology: .qr, payload: "123")])
        virtual.destroy()                        // UI_DEV_DESTROY: reads fail with ENODEV
        let seen = await EvdevKeypadTests.collect(events) { $0.contains(.stateChanged(.disconnected)) }
        #expect(seen.contains(.disconnected))
        #expect(scanner.state == .disconnected)
        await scanner.close()
    }

    @Test func openAndGrabErrorsSayWhatToDo() async throws {
        let missing = KeyboardWedgeScanner(settings: .init(path: "/nonexistent/input/by-id/usb-Scanner-event-kbd"))
        do {
            try await missing.open()
            Issue.record("a missing scanner opened")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.summary == "/nonexistent/input/by-id/usb-Scanner-event-kbd does not exist: is the scanner plugged in?")
            #expect(error.action.contains("ls /dev/input/by-id/"))
        }
        #expect(missing.state == .closed)

        let denied = EvdevDevice.openError(.scanner, SystemCallError(call: "open", path: "/dev/input/event3", errno: EACCES))
        #expect(denied.code.rawValue == "permission-denied")
        #expect(denied.action.contains("input group"))
        #expect(EvdevDevice.grabError(.scanner, SystemCallError(call: "ioctl(EVIOCGRAB)", path: "/dev/input/event3", errno: EBUSY)).code == .busy)

        let device = try Device()
        let fifo = KeyboardWedgeScanner(settings: .init(path: device.path))
        try await fifo.open()
        await #expect(throws: DeviceError.self) { try await fifo.claim() }
        #expect(fifo.state == .opened)
        await fifo.close()
    }

    @Test func theSymbologyIsGuessedFromRetailNumbersOnly() {
        #expect(KeyboardWedgeTyping.symbology(of: "4006381333931") == .ean13)
        #expect(KeyboardWedgeTyping.symbology(of: "4006381333932") == .qr)        // wrong check digit
        #expect(KeyboardWedgeTyping.symbology(of: "036000291452") == .upcA)
        #expect(KeyboardWedgeTyping.symbology(of: "96385074") == .ean8)
        #expect(KeyboardWedgeTyping.symbology(of: "12345678") == .qr)
        #expect(KeyboardWedgeTyping.symbology(of: "https://r.example/1") == .qr)
        #expect(KeyboardWedgeTyping.symbology(of: "٤٠٠٦٣٨١٣٣٣٩٣١") == .qr)      // not ASCII digits
    }

    @Test func aPauseLongerThanTheCharacterGapDropsWhatCameBefore() {
        var typing = KeyboardWedgeTyping(terminators: [28], characterGap: .milliseconds(500))
        func press(_ code: UInt16, at milliseconds: Int64) -> String? {
            let down = typing.accept(InputEvent(seconds: milliseconds / 1000, microseconds: (milliseconds % 1000) * 1000,
                                                type: InputEvent.key, code: code, value: 1))
            _ = typing.accept(InputEvent(seconds: milliseconds / 1000, microseconds: (milliseconds % 1000) * 1000,
                                         type: InputEvent.key, code: code, value: 0))
            return down
        }
        #expect(press(2, at: 1_000) == nil)           // "1", then a pause
        #expect(press(3, at: 1_600) == nil)           // "2"
        #expect(press(4, at: 2_000) == nil)           // "3", 400 ms later: same code
        #expect(press(28, at: 2_010) == "23")
    }
}
