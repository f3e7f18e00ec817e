#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandHardware

/// A USB numeric keypad made with /dev/uinput under the name and ids of devices.conf: the
/// kernel gives it an `/dev/input/eventN` that standd's evdev driver finds and grabs like the
/// real one. Destroyed (the keypad unplugged) by `close()`.
final class HILUInputKeypad {
    private static let setEventBit: UInt = 0x4004_5564   // UI_SET_EVBIT
    private static let setKeyBit: UInt = 0x4004_5565     // UI_SET_KEYBIT
    private static let deviceSetup: UInt = 0x405C_5503   // UI_DEV_SETUP (struct uinput_setup, 92 bytes)
    private static let deviceCreate: UInt = 0x5501       // UI_DEV_CREATE
    private static let deviceDestroy: UInt = 0x5502      // UI_DEV_DESTROY

    let name: String
    private var fd: Int32

    init(uinput: String, name: String, vendorID: UInt16, productID: UInt16, keys: Keymap = .usbNumericKeypad) throws {
        self.name = name
        fd = Glibc.open(uinput, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw HarnessError(description: "cannot open \(uinput): errno \(errno)") }
        var setup = [UInt8](repeating: 0, count: 92)
        // struct uinput_setup: input_id (bustype BUS_USB, vendor, product, version), name[80], ff_effects_max.
        for (index, value) in [UInt16(0x03), vendorID, productID, 0x0110].enumerated() {
            setup[index * 2] = UInt8(value & 0xFF)
            setup[index * 2 + 1] = UInt8(value >> 8)
        }
        for (index, byte) in name.utf8.prefix(79).enumerated() { setup[8 + index] = byte }
        var ok = ioctl(fd, Self.setEventBit, Int32(InputEvent.key)) == 0
        for code in keys.keys.keys.sorted() { ok = ok && ioctl(fd, Self.setKeyBit, Int32(code)) == 0 }
        ok = ok && setup.withUnsafeMutableBytes { ioctl(fd, Self.deviceSetup, $0.baseAddress!) } == 0
        ok = ok && ioctl(fd, Self.deviceCreate) == 0
        guard ok else {
            let failure = errno
            close()
            throw HarnessError(description: "uinput refused the keypad \(name): errno \(failure)")
        }
    }

    deinit { close() }

    /// Presses and releases each key, as the kernel reports a keypad, with a pause after each.
    func tap(_ codes: [UInt16], pause: Duration = .milliseconds(40)) async throws {
        for code in codes {
            for value: Int32 in [1, 0] {
                let bytes = InputEvent(type: InputEvent.key, code: code, value: value).bytes
                    + InputEvent(type: InputEvent.synchronization, code: 0, value: 0).bytes
                let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                guard written == bytes.count else { throw HarnessError(description: "writing key \(code) to uinput: errno \(errno)") }
                try await Task.sleep(for: pause)
            }
        }
    }

    func close() {
        guard fd >= 0 else { return }
        _ = ioctl(fd, Self.deviceDestroy)
        Glibc.close(fd)
        fd = -1
    }
}
