#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandHardware
import Synchronization

/// The far side of the HIL VM's simulated devices, as the benchmark needs it: the printer
/// gadget's reader, a uinput keypad, a gpio-sim line's level, and plain writes and reads on the
/// device nodes (the raw kernel paths the drivers are compared with).
enum KernelDeviceSide {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ call: String, _ path: String) { description = "\(call) \(path): \(String(cString: strerror(errno)))" }
    }

    static func open(_ path: String, _ flags: Int32) throws -> Int32 {
        let fd = Glibc.open(path, flags | O_CLOEXEC)
        guard fd >= 0 else { throw Failure("open", path) }
        return fd
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw Failure("write", path) }
            offset += written
        }
    }

    /// Reads everything the host sends the printer gadget, on its own thread, counting bytes.
    final class GadgetReader: Sendable {
        private let fd: Int32
        private let received = Atomic<Int>(0)
        private let stop = Atomic<Bool>(false)
        private let done = DispatchSemaphore(value: 0)

        init(path: String) throws {
            fd = try KernelDeviceSide.open(path, O_RDWR | O_NONBLOCK)
            Thread { [self] in
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while !stop.load(ordering: .relaxed) {
                    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    guard poll(&poller, 1, 50) > 0 else { continue }
                    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if count > 0 { received.add(count, ordering: .relaxed) }
                }
                done.signal()
            }.start()
        }

        var bytes: Int { received.load(ordering: .relaxed) }

        func waitFor(_ total: Int) {
            while bytes < total { usleep(200) }
        }

        func close() {
            stop.store(true, ordering: .relaxed)
            done.wait()
            Glibc.close(fd)
        }
    }

    /// A keyboard made through /dev/uinput with the name and USB ids of devices.conf.
    final class UInputKeypad: Sendable {
        private let fd: Int32
        private let path: String

        init(path: String, name: String, vendorID: UInt16, productID: UInt16, keys: [UInt16]) throws {
            self.path = path
            fd = try KernelDeviceSide.open(path, O_WRONLY | O_NONBLOCK)
            guard ioctl(fd, 0x4004_5564, Int32(InputEvent.key)) == 0 else { throw Failure("UI_SET_EVBIT", path) }
            for key in keys where ioctl(fd, 0x4004_5565, Int32(key)) != 0 { throw Failure("UI_SET_KEYBIT", path) }
            var setup = [UInt8](repeating: 0, count: 92)
            for (index, value) in [UInt16(0x03), vendorID, productID, 0x0110].enumerated() {
                setup[index * 2] = UInt8(value & 0xFF)
                setup[index * 2 + 1] = UInt8(value >> 8)
            }
            for (index, byte) in name.utf8.prefix(79).enumerated() { setup[8 + index] = byte }
            guard setup.withUnsafeMutableBytes({ ioctl(fd, 0x405C_5503, $0.baseAddress!) }) == 0 else { throw Failure("UI_DEV_SETUP", path) }
            guard ioctl(fd, 0x5501) == 0 else { throw Failure("UI_DEV_CREATE", path) }
        }

        /// One key down or up, followed by SYN_REPORT.
        func send(_ code: UInt16, down: Bool) throws {
            let bytes = InputEvent(type: InputEvent.key, code: code, value: down ? 1 : 0).bytes
                + InputEvent(type: InputEvent.synchronization, code: 0, value: 0).bytes
            try writeAll(fd, bytes, path: path)
        }

        func destroy() {
            _ = ioctl(fd, 0x5502)
            Glibc.close(fd)
        }
    }

    /// The level a gpio-sim output line is driven to, read from its `sim_gpioN/value`.
    struct SimulatedLine: Sendable {
        private let fd: Int32

        init(directory: String, line: Int) throws {
            fd = try KernelDeviceSide.open("\(directory)/sim_gpio\(line)/value", O_RDONLY)
        }

        var isHigh: Bool {
            var byte: UInt8 = 0
            return pread(fd, &byte, 1, 0) == 1 && byte == UInt8(ascii: "1")
        }

        func waitFor(high: Bool) {
            while isHigh != high {}
        }
    }
}
