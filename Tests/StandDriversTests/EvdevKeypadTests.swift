#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandHardware
import Testing
@testable import StandDrivers

@Suite struct EvdevKeypadTests {
    /// A FIFO standing in for `/dev/input/eventN`: the test writes kernel-format records into it.
    final class FakeInputDevice {
        let directory: String
        let path: String
        private var writer: Int32 = -1

        init() throws {
            directory = NSTemporaryDirectory() + "evdev-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            path = directory + "/event-kbd"
            #expect(mkfifo(path, 0o600) == 0)
        }

        /// Opens the writing end; call after the keypad has opened the reading end.
        func connect() {
            writer = Glibc.open(path, O_WRONLY | O_CLOEXEC)
            #expect(writer >= 0)
        }

        func write(_ bytes: [UInt8]) {
            let written = bytes.withUnsafeBytes { Glibc.write(writer, $0.baseAddress, $0.count) }
            #expect(written == bytes.count)
        }

        func unplug() {
            if writer >= 0 { Glibc.close(writer) }
            writer = -1
        }

        deinit {
            unplug()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func key(_ code: UInt16, _ value: Int32, at milliseconds: Int64) -> [UInt8] {
        InputEvent(seconds: milliseconds / 1000, microseconds: (milliseconds % 1000) * 1000,
                   type: InputEvent.key, code: code, value: value).bytes
    }

    static let sync = InputEvent(type: InputEvent.synchronization, code: 0, value: 0).bytes

    /// Collects events until `done` says so or two seconds pass.
    static func collect(_ stream: AsyncStream<DeviceEvent>, until done: @escaping @Sendable ([DeviceEvent]) -> Bool) async -> [DeviceEvent] {
        let reader = Task {
            var seen: [DeviceEvent] = []
            for await event in stream {
                seen.append(event)
                if done(seen) { break }
            }
            return seen
        }
        let timer = Task {
            try await Task.sleep(for: .seconds(2))
            reader.cancel()
        }
        let seen = await reader.value
        timer.cancel()
        return seen
    }

    static func keys(_ events: [DeviceEvent]) -> [KeyEvent] {
        events.compactMap { if case .keyPressed(let key) = $0 { key } else { nil } }
    }

    static func fifoKeypad(_ device: FakeInputDevice) -> EvdevKeypad {
        EvdevKeypad(settings: .init(path: device.path, grabsExclusively: false, pollMilliseconds: 20))
    }

    @Test func pressesBecomeKeysAndRepeatsAndReleasesDoNot() async throws {
        let device = try FakeInputDevice()
        let keypad = Self.fifoKeypad(device)
        try await keypad.start()
        device.connect()
        let events = keypad.events()
        device.write(Self.key(79, 1, at: 10_000) + Self.sync)       // KP1 down
        device.write(Self.key(79, 2, at: 10_250) + Self.sync)       // KP1 autorepeat
        device.write(Self.key(79, 0, at: 10_300) + Self.sync)       // KP1 up
        let plus = Self.key(78, 1, at: 10_500)                      // KP+ down, split across writes
        device.write(Array(plus.prefix(11)))
        try await Task.sleep(for: .milliseconds(60))
        device.write(Array(plus.dropFirst(11)) + Self.sync)
        device.write(Self.key(78, 0, at: 10_600) + Self.key(30, 1, at: 10_700) + Self.key(55, 1, at: 10_800))
        let seen = await Self.collect(events) { Self.keys($0).count >= 3 }
        #expect(Self.keys(seen) == [KeyEvent(.digit(1), timestampMilliseconds: 10_000),
                                    KeyEvent(.subtotal, timestampMilliseconds: 10_500),
                                    KeyEvent(.quantity, timestampMilliseconds: 10_800)])
        #expect(keypad.state == .enabled)
        await keypad.close()
        #expect(keypad.state == .closed)
    }

    @Test func aConfiguredKeymapIsUsed() async throws {
        let device = try FakeInputDevice()
        let keymap = try Keymap(parsing: "KEY_KPPLUS = card")
        let keypad = EvdevKeypad(settings: .init(path: device.path, keymap: keymap, grabsExclusively: false, pollMilliseconds: 20))
        try await keypad.start()
        device.connect()
        let events = keypad.events()
        device.write(Self.key(79, 1, at: 1) + Self.key(78, 1, at: 2))
        let seen = await Self.collect(events) { Self.keys($0).count >= 1 }
        #expect(Self.keys(seen).map(\.key) == [.card])
        await keypad.close()
    }

    @Test func unpluggingReportsDisconnectedAndTheKeypadCanReopen() async throws {
        let device = try FakeInputDevice()
        let keypad = Self.fifoKeypad(device)
        try await keypad.start()
        device.connect()
        let events = keypad.events()
        device.unplug()
        let seen = await Self.collect(events) { $0.contains(.stateChanged(.disconnected)) }
        #expect(seen.contains(.disconnected))
        #expect(keypad.state == .disconnected)

        try await keypad.start()
        device.connect()
        let again = keypad.events()
        device.write(Self.key(96, 1, at: 5))
        #expect(Self.keys(await Self.collect(again) { Self.keys($0).count >= 1 }).map(\.key) == [.enter])
        await keypad.close()
        await keypad.close()
        #expect(keypad.state == .closed)
    }

    @Test func grabbingSomethingThatIsNotAnInputDeviceIsReported() async throws {
        let device = try FakeInputDevice()
        let keypad = EvdevKeypad(settings: .init(path: device.path))
        try await keypad.open()
        do {
            try await keypad.claim()
            Issue.record("grabbing a FIFO succeeded")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.summary == "\(device.path) is not a keyboard input device, so the keypad cannot be taken exclusively.")
            #expect(error.detail?.contains("ioctl(EVIOCGRAB)") == true)
        }
        #expect(keypad.state == .opened)
        await keypad.close()
    }

    @Test func aMissingDeviceIsNotFound() async throws {
        let keypad = EvdevKeypad(settings: .init(path: "/nonexistent/input/by-id/usb-keypad-event-kbd"))
        let error = try #require(await #expect(throws: DeviceError.self) { try await keypad.open() })
        #expect(error.code == .notFound)
        #expect(error.summary == "/nonexistent/input/by-id/usb-keypad-event-kbd does not exist: is the keypad plugged in?")
        #expect(error.detail == "open on /nonexistent/input/by-id/usb-keypad-event-kbd failed: No such file or directory (errno 2)")
        #expect(keypad.state == .closed)
    }

    @Test func theLocatorPrefersTheKeyboardLinkByID() throws {
        let directory = NSTemporaryDirectory() + "by-id-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["usb-Logitech_USB_Numeric_Keypad-event-if01", "usb-Logitech_USB_Numeric_Keypad-event-kbd",
                     "usb-Other_Mouse-event-mouse"] {
            #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: nil))
        }
        let found = try InputDeviceLocator.path(forDeviceNamed: "logitech usb numeric keypad", byIDDirectory: directory,
                                                inputDirectory: directory + "/none")
        #expect(found == directory + "/usb-Logitech_USB_Numeric_Keypad-event-kbd")
        #expect(throws: DeviceError.self) {
            try InputDeviceLocator.path(forDeviceNamed: "Cherry", byIDDirectory: directory, inputDirectory: directory + "/none")
        }
    }

    @Test func ioctlRequestNumbersMatchTheKernelHeaders() {
        #expect(InputDeviceFile.grabRequest == 0x4004_4590)
        #expect(InputDeviceFile.clockRequest == 0x4004_45A0)
        #expect(InputDeviceFile.nameRequest(length: 256) == 0x8100_4506)
    }
}
