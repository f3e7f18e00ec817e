#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandHardware
import Testing
@testable import StandDrivers

/// Drives `EvdevKeypad` through a real kernel input device made with uinput. Needs a writable
/// /dev/uinput (the uinput module loaded, root or the uinput group); skipped without it.
@Suite struct EvdevUInputKeypadTests {
    static let uinputPath = "/dev/uinput"

    /// A virtual USB numeric keypad created through /dev/uinput; destroyed on deinit.
    final class VirtualUSBKeypad {
        static let setEventBit: UInt = 0x4004_5564      // UI_SET_EVBIT
        static let setKeyBit: UInt = 0x4004_5565        // UI_SET_KEYBIT
        static let deviceSetup: UInt = 0x405C_5503      // UI_DEV_SETUP (struct uinput_setup, 92 bytes)
        static let deviceCreate: UInt = 0x5501          // UI_DEV_CREATE
        static let deviceDestroy: UInt = 0x5502         // UI_DEV_DESTROY

        let fd: Int32

        init(name: String, keys: [UInt16]) throws {
            fd = Glibc.open(EvdevUInputKeypadTests.uinputPath, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            try #require(fd >= 0, "open /dev/uinput: errno \(errno)")
            try #require(ioctl(fd, Self.setEventBit, Int32(InputEvent.key)) == 0)
            for key in keys { try #require(ioctl(fd, Self.setKeyBit, Int32(key)) == 0) }
            // struct uinput_setup: input_id (bustype, vendor, product, version), name[80], ff_effects_max.
            var setup = [UInt8](repeating: 0, count: 92)
            let id: [UInt16] = [0x03, 0x046D, 0xC31C, 0x0111]   // BUS_USB, a Logitech-style keypad
            for (index, value) in id.enumerated() {
                setup[index * 2] = UInt8(value & 0xFF)
                setup[index * 2 + 1] = UInt8(value >> 8)
            }
            for (index, byte) in name.utf8.prefix(79).enumerated() { setup[8 + index] = byte }
            let configured = setup.withUnsafeMutableBytes { ioctl(fd, Self.deviceSetup, $0.baseAddress!) }
            try #require(configured == 0, "UI_DEV_SETUP: errno \(errno)")
            try #require(ioctl(fd, Self.deviceCreate) == 0, "UI_DEV_CREATE: errno \(errno)")
        }

        func type(_ codes: [UInt16]) {
            var bytes: [UInt8] = []
            for code in codes {
                bytes += InputEvent(type: InputEvent.key, code: code, value: 1).bytes
                bytes += InputEvent(type: InputEvent.synchronization, code: 0, value: 0).bytes
                bytes += InputEvent(type: InputEvent.key, code: code, value: 0).bytes
                bytes += InputEvent(type: InputEvent.synchronization, code: 0, value: 0).bytes
            }
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            #expect(written == bytes.count)
        }

        deinit {
            _ = ioctl(fd, Self.deviceDestroy)
            Glibc.close(fd)
        }
    }

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: uinputPath),
                   "needs a writable /dev/uinput (modprobe uinput; run as root or in the uinput group)"))
    func aRealKernelKeypadIsFoundGrabbedAndRead() async throws {
        let name = "StandKit Test USB Numeric Keypad \(getpid())"
        let virtual = try VirtualUSBKeypad(name: name, keys: [71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 96])
        var path: String?
        for _ in 0..<50 where path == nil {
            path = try? InputDeviceLocator.path(forDeviceNamed: name)
            if path == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let devicePath = try #require(path, "the uinput keypad did not appear under /dev/input")
        let keypad = EvdevKeypad(settings: .init(path: devicePath, pollMilliseconds: 20))
        try await keypad.start()
        let events = keypad.events()
        virtual.type([79, 82, 83, 76, 78, 96])   // 1 0 . 5 + Enter
        let seen = await EvdevKeypadTests.collect(events) { EvdevKeypadTests.keys($0).count >= 6 }
        #expect(EvdevKeypadTests.keys(seen).map(\.key) == [.digit(1), .digit(0), .decimalPoint, .digit(5), .subtotal, .enter])
        await keypad.close()
    }
}
