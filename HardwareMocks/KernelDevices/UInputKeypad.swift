#if canImport(Glibc)
import Glibc
#endif
import StandHardware
import Synchronization

/// A keyboard made through `/dev/uinput`: the kernel creates a real evdev device
/// (`/dev/input/eventN`) with the given name and USB ids, and what this side writes arrives there
/// as key events, as from a USB numeric keypad. Destroying it is the keypad's unplug.
///
/// A uinput device gets no `/dev/input/by-id/` link (udev makes those only for devices with a USB
/// parent): find it by name.
public final class UInputKeypad: Sendable {
    private static let setEventBit: UInt = 0x4004_5564      // UI_SET_EVBIT = _IOW('U', 100, int)
    private static let setKeyBit: UInt = 0x4004_5565        // UI_SET_KEYBIT = _IOW('U', 101, int)
    private static let deviceSetup: UInt = 0x405C_5503      // UI_DEV_SETUP = _IOW('U', 3, struct uinput_setup), 92 bytes
    private static let deviceCreate: UInt = 0x5501          // UI_DEV_CREATE = _IO('U', 1)
    private static let deviceDestroy: UInt = 0x5502         // UI_DEV_DESTROY = _IO('U', 2)
    private static let busUSB: UInt16 = 0x03

    public let name: String
    private let path: String
    private let device: Mutex<KernelDeviceFile?>

    /// Creates the device: EV_KEY with `keys` (Linux key codes), named `name`, on the USB bus
    /// with these ids.
    public init(uinput path: String, name: String, vendorID: UInt16, productID: UInt16, keys: [UInt16]) throws(KernelDeviceError) {
        let file = try KernelDeviceFile(path: path, flags: O_WRONLY | O_NONBLOCK)
        try file.control("UI_SET_EVBIT", Self.setEventBit, value: Int32(InputEvent.key))
        for key in keys { try file.control("UI_SET_KEYBIT", Self.setKeyBit, value: Int32(key)) }
        // struct uinput_setup: struct input_id { bustype, vendor, product, version }, char name[80], ff_effects_max.
        var setup = [UInt8](repeating: 0, count: 92)
        for (index, value) in [Self.busUSB, vendorID, productID, 0x0110].enumerated() {
            setup[index * 2] = UInt8(value & 0xFF)
            setup[index * 2 + 1] = UInt8(value >> 8)
        }
        for (index, byte) in name.utf8.prefix(79).enumerated() { setup[8 + index] = byte }
        try file.control("UI_DEV_SETUP", Self.deviceSetup, bytes: &setup)
        try file.control("UI_DEV_CREATE", Self.deviceCreate, value: 0)
        self.name = name
        self.path = path
        device = Mutex(file)
    }

    /// devices.conf's keypad: `KEYPAD_NAME`, `KEYPAD_VENDOR_ID`, `KEYPAD_PRODUCT_ID`.
    public convenience init(uinput path: String, described devices: HILDevicesConf, keys: [UInt16]) throws {
        try self.init(uinput: path, name: devices.string("KEYPAD_NAME"), vendorID: devices.usbID("KEYPAD_VENDOR_ID"),
                      productID: devices.usbID("KEYPAD_PRODUCT_ID"), keys: keys)
    }

    deinit {
        destroy()
    }

    /// Key down, followed by SYN_REPORT as a keyboard sends it.
    public func press(_ code: UInt16) throws(KernelDeviceError) { try send(code, value: 1) }
    public func release(_ code: UInt16) throws(KernelDeviceError) { try send(code, value: 0) }
    /// What the kernel sends while a key is held (value 2).
    public func autorepeat(_ code: UInt16) throws(KernelDeviceError) { try send(code, value: 2) }

    /// Presses and releases each key in turn, at once.
    public func type(_ codes: [UInt16]) throws(KernelDeviceError) {
        for code in codes {
            try press(code)
            try release(code)
        }
    }

    /// Presses and releases each key at an operator's pace: `pause` after each press and release.
    public func tap(_ codes: [UInt16], pause: Duration = .milliseconds(40)) async throws {
        for code in codes {
            try press(code)
            try await Task.sleep(for: pause)
            try release(code)
            try await Task.sleep(for: pause)
        }
    }

    /// Removes the input device (UI_DEV_DESTROY) and closes uinput; later calls do nothing.
    public func destroy() {
        guard let file = device.withLock({ value -> KernelDeviceFile? in defer { value = nil }; return value }) else { return }
        try? file.control("UI_DEV_DESTROY", Self.deviceDestroy, value: 0)
        file.close()
    }

    private func send(_ code: UInt16, value: Int32) throws(KernelDeviceError) {
        let bytes = InputEvent(type: InputEvent.key, code: code, value: value).bytes
            + InputEvent(type: InputEvent.synchronization, code: 0, value: 0).bytes
        let name = name, path = path
        try device.withLock { (file: inout KernelDeviceFile?) throws(KernelDeviceError) in
            guard let file else { throw KernelDeviceError("write (the keypad \(name) was destroyed)", on: path, errno: ENODEV) }
            try file.write(bytes)
        }
    }
}
