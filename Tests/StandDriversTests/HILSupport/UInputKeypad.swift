#if canImport(Glibc)
import Glibc
#endif
import StandHardware
@testable import StandDrivers
import Synchronization

/// A keyboard made through `/dev/uinput`: the kernel creates a real evdev device
/// (`/dev/input/eventN`) with the given name and USB ids, and whatever this side writes arrives
/// there as key events. Destroying it is the keypad's unplug.
final class UInputKeypad: Sendable {
    static let setEventBit: UInt = 0x4004_5564      // UI_SET_EVBIT = _IOW('U', 100, int)
    static let setKeyBit: UInt = 0x4004_5565        // UI_SET_KEYBIT = _IOW('U', 101, int)
    static let deviceSetup: UInt = 0x405C_5503      // UI_DEV_SETUP = _IOW('U', 3, struct uinput_setup), 92 bytes
    static let deviceCreate: UInt = 0x5501          // UI_DEV_CREATE = _IO('U', 1)
    static let deviceDestroy: UInt = 0x5502         // UI_DEV_DESTROY = _IO('U', 2)
    static let busUSB: UInt16 = 0x03

    let name: String
    private let path: String
    private let descriptor: Mutex<Int32?>

    /// Creates the device: EV_KEY with `keys`, named `name`, on the USB bus with these ids.
    init(uinput path: String, name: String, vendorID: UInt16, productID: UInt16, keys: [UInt16]) throws(SystemCallError) {
        let fd = try Syscalls.open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        do throws(SystemCallError) {
            try Syscalls.ioctl(fd, path: path, "UI_SET_EVBIT", Self.setEventBit, value: Int32(InputEvent.key))
            for key in keys { try Syscalls.ioctl(fd, path: path, "UI_SET_KEYBIT", Self.setKeyBit, value: Int32(key)) }
            // struct uinput_setup: struct input_id { bustype, vendor, product, version }, char name[80], ff_effects_max.
            var setup = [UInt8](repeating: 0, count: 92)
            for (index, value) in [Self.busUSB, vendorID, productID, 0x0110].enumerated() {
                setup[index * 2] = UInt8(value & 0xFF)
                setup[index * 2 + 1] = UInt8(value >> 8)
            }
            for (index, byte) in name.utf8.prefix(79).enumerated() { setup[8 + index] = byte }
            try Syscalls.retrying("ioctl(UI_DEV_SETUP)", path) { setup.withUnsafeMutableBytes { Glibc.ioctl(fd, Self.deviceSetup, $0.baseAddress!) } }
            try Syscalls.ioctl(fd, path: path, "UI_DEV_CREATE", Self.deviceCreate, value: 0)
        } catch {
            Syscalls.close(fd)
            throw error
        }
        self.name = name
        self.path = path
        descriptor = Mutex(fd)
    }

    deinit { destroy() }

    /// Key down, each followed by SYN_REPORT as a keyboard sends it.
    func press(_ code: UInt16) throws(SystemCallError) { try send(code, value: 1) }
    func release(_ code: UInt16) throws(SystemCallError) { try send(code, value: 0) }
    /// What the kernel sends while a key is held (value 2).
    func autorepeat(_ code: UInt16) throws(SystemCallError) { try send(code, value: 2) }

    /// Presses and releases each key in turn.
    func type(_ codes: [UInt16]) throws(SystemCallError) {
        for code in codes {
            try press(code)
            try release(code)
        }
    }

    private func send(_ code: UInt16, value: Int32) throws(SystemCallError) {
        let bytes = InputEvent(type: InputEvent.key, code: code, value: value).bytes
            + InputEvent(type: InputEvent.synchronization, code: 0, value: 0).bytes
        let path = path
        try descriptor.withLock { (fd: inout Int32?) throws(SystemCallError) in
            guard let open = fd else { throw SystemCallError(call: "write", path: path, errno: ENODEV) }
            let written = try Syscalls.retrying("write", path) { bytes.withUnsafeBytes { Glibc.write(open, $0.baseAddress, $0.count) } }
            guard written == bytes.count else { throw SystemCallError(call: "write (short: \(written) of \(bytes.count) bytes)", path: path, errno: EIO) }
        }
    }

    /// Removes the input device (UI_DEV_DESTROY) and closes uinput; later calls do nothing.
    func destroy() {
        guard let fd = descriptor.withLock({ value -> Int32? in defer { value = nil }; return value }) else { return }
        _ = ioctl(fd, Self.deviceDestroy)
        Syscalls.close(fd)
    }
}
