import Foundation
import HardwareMocks
import StandHardware
import Testing
@testable import StandDrivers

/// Drives `EvdevKeypad` through a real kernel input device made with uinput. Needs a writable
/// /dev/uinput (the uinput module loaded, root or the uinput group); skipped without it.
@Suite struct EvdevUInputKeypadTests {
    static let uinputPath = "/dev/uinput"

    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: uinputPath),
                   "needs a writable /dev/uinput (modprobe uinput; run as root or in the uinput group)"))
    func aRealKernelKeypadIsFoundGrabbedAndRead() async throws {
        let name = "StandKit Test USB Numeric Keypad \(ProcessInfo.processInfo.processIdentifier)"
        let virtual = try Self.keypad(name, keys: [71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 96])
        var path: String?
        for _ in 0..<50 where path == nil {
            path = try? InputDeviceLocator.path(forDeviceNamed: name)
            if path == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let devicePath = try #require(path, "the uinput keypad did not appear under /dev/input")
        let keypad = EvdevKeypad(settings: .init(path: devicePath, pollMilliseconds: 20))
        try await keypad.start()
        let events = keypad.events()
        try virtual.type([79, 82, 83, 76, 78, 96])   // 1 0 . 5 + Enter
        let seen = await EvdevKeypadTests.collect(events) { EvdevKeypadTests.keys($0).count >= 6 }
        #expect(EvdevKeypadTests.keys(seen).map(\.key) == [.digit(1), .digit(0), .decimalPoint, .digit(5), .subtotal, .enter])
        await keypad.close()
    }

    /// A USB numeric keypad made through /dev/uinput (a Logitech-style one).
    static func keypad(_ name: String, keys: [UInt16]) throws -> UInputKeypad {
        try UInputKeypad(uinput: uinputPath, name: name, vendorID: 0x046D, productID: 0xC31C, keys: keys)
    }
}
