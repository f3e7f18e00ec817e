#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks
import StandHardware
@testable import StandDrivers
import Testing

/// EvdevKeypad against a kernel keyboard made through uinput in the hardware-in-the-loop VM,
/// with the name and USB ids of devices.conf's keypad (a real USB numeric keypad's).
@Suite(.serialized, .enabled(if: HILEnvironment.current.has(.uinput),
                             Comment(rawValue: HILEnvironment.skipReason(needs: "/dev/uinput"))))
struct HILKeypadTests {
    /// Keypad keys 1 2 3 . 5 * + Enter, F1 and Num Lock.
    static let keys: [UInt16] = [79, 80, 81, 83, 76, 55, 78, 96, 59, 69]

    @Test func theKeypadIsFoundByNameAndGrabbedAndItsKeysArriveInOrder() async throws {
        let fixture = try HILKeypadFixture()
        let eventPath = try await fixture.eventPath()
        let devices = try HILEnvironment.current.devices()
        let ids = "/sys/class/input/\(URL(fileURLWithPath: eventPath).lastPathComponent)/device/id/"
        let reported = try ["bustype", "vendor", "product"].map {
            try String(contentsOfFile: ids + $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(reported == ["0003", String(format: "%04x", try devices.usbID("KEYPAD_VENDOR_ID")),
                             String(format: "%04x", try devices.usbID("KEYPAD_PRODUCT_ID"))], "a USB keypad with devices.conf's ids")
        let located = try InputDeviceLocator.path(forDeviceNamed: fixture.keypad.name)
        #expect(Self.resolved(located) == eventPath, "the locator's \(located) is \(eventPath)")
        // udev makes /dev/input/by-id links only for devices with a USB parent and serial, which
        // a uinput device has not; where one leads to this keypad the locator must prefer it.
        let links = ((try? FileManager.default.contentsOfDirectory(atPath: "/dev/input/by-id")) ?? [])
            .filter { Self.resolved("/dev/input/by-id/" + $0) == eventPath }
        if !links.isEmpty { #expect(located.hasPrefix("/dev/input/by-id/"), "udev made \(links), the locator chose \(located)") }

        let keypad = EvdevKeypad(settings: .init(path: located, pollMilliseconds: 20))
        let log = USBPrinterPlugTests.EventLog(keypad)
        try await keypad.start()
        #expect(keypad.state == .enabled)

        // Held keys repeat (value 2) and repeats are not presses.
        let before = Self.monotonicMilliseconds()
        try fixture.keypad.press(79)
        try fixture.keypad.autorepeat(79)
        try fixture.keypad.autorepeat(79)
        try fixture.keypad.release(79)
        try fixture.keypad.type([80, 81, 83, 76, 55, 78, 59, 69, 96])
        #expect(await eventually { Self.keys(log.all).count >= 10 })
        let keys = Self.keys(log.all)
        #expect(keys.map(\.key) == [.digit(1), .digit(2), .digit(3), .decimalPoint, .digit(5), .quantity,
                                    .subtotal, .product(1), .clear, .enter])
        // The grab switched the device to the monotonic clock: stamps are this clock's, in order.
        let stamps = keys.map(\.timestampMilliseconds)
        #expect(stamps == stamps.sorted())
        #expect(stamps.allSatisfy { $0 + 5 >= before && $0 <= Self.monotonicMilliseconds() + 5 },
                "stamps \(stamps) against CLOCK_MONOTONIC \(before) ms")
        await keypad.close()
    }

    @Test func whileGrabbedNoOtherReaderGetsTheKeysAndASecondGrabIsRefused() async throws {
        let fixture = try HILKeypadFixture()
        let eventPath = try await fixture.eventPath()
        let keypad = EvdevKeypad(settings: .init(path: eventPath, pollMilliseconds: 20))
        let log = USBPrinterPlugTests.EventLog(keypad)
        try await keypad.start()
        let other = try InputDeviceFile(path: eventPath)
        defer { other.close() }

        try fixture.keypad.type([79, 80])
        #expect(await eventually { Self.keys(log.all).count >= 2 })
        try await Task.sleep(for: .milliseconds(100))
        #expect(try Self.pending(other).isEmpty, "a second reader saw the grabbed keypad's keys")

        let second = EvdevKeypad(settings: .init(path: eventPath, pollMilliseconds: 20))
        let refused = try #require(await #expect(throws: DeviceError.self) { try await second.start() })
        #expect(refused.code == .busy, "\(refused)")
        await second.close()

        // Closing the driver lets go of the grab: the same reader now sees what is typed.
        await keypad.close()
        try fixture.keypad.type([81])
        #expect(try await eventually { try !Self.pending(other).isEmpty }, "the keypad was not given back on close")
    }

    @Test func destroyingTheDeviceIsADisconnectAndAReopenedKeypadReadsAgain() async throws {
        let fixture = try HILKeypadFixture()
        let eventPath = try await fixture.eventPath()
        let keypad = EvdevKeypad(settings: .init(path: eventPath, pollMilliseconds: 20))
        let log = USBPrinterPlugTests.EventLog(keypad)
        try await keypad.start()

        fixture.keypad.destroy()
        #expect(await log.waitFor(.disconnected))
        #expect(await log.waitFor(.stateChanged(.disconnected)))
        #expect(keypad.state == .disconnected)
        #expect(access(eventPath, F_OK) != 0, "\(eventPath) is still there after UI_DEV_DESTROY")
        await keypad.close()

        // Plugged in again: found again by name and opened again, as the supervisor does.
        let replugged = try HILKeypadFixture()
        let path = try await replugged.eventPath()
        let reopened = EvdevKeypad(settings: .init(path: try InputDeviceLocator.path(forDeviceNamed: replugged.keypad.name),
                                                   pollMilliseconds: 20))
        let again = USBPrinterPlugTests.EventLog(reopened)
        try await reopened.start()
        try replugged.keypad.type([76, 96])
        #expect(await eventually { Self.keys(again.all).count >= 2 }, "nothing from \(path)")
        #expect(Self.keys(again.all).map(\.key) == [.digit(5), .enter])
        await reopened.close()
    }

    static func keys(_ events: [DeviceEvent]) -> [KeyEvent] {
        events.compactMap { if case .keyPressed(let key) = $0 { key } else { nil } }
    }

    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The evdev records waiting on `file` now (it is non-blocking).
    static func pending(_ file: InputDeviceFile) throws -> [UInt8] {
        do throws(SystemCallError) { return try file.read(upTo: InputEvent.byteCount * 64) } catch where error.errno == EAGAIN {
            return []
        }
    }

    static func monotonicMilliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }
}

/// devices.conf's keypad made through uinput, and where its event device appeared.
struct HILKeypadFixture {
    let keypad: UInputKeypad

    init() throws {
        let environment = HILEnvironment.current
        keypad = try UInputKeypad(uinput: try environment.value(.uinput), described: try environment.devices(), keys: HILKeypadTests.keys)
    }

    /// `/dev/input/eventN` of this keypad, asked by name (EVIOCGNAME) once it has appeared.
    func eventPath() async throws -> String {
        var found: String?
        _ = await eventually(within: .seconds(3)) {
            found = try? InputDeviceLocator.path(forDeviceNamed: keypad.name, byIDDirectory: "/nonexistent")
            return found != nil
        }
        return try #require(found, "no /dev/input/event* named \(keypad.name) appeared")
    }
}
