#if canImport(Glibc)
import Glibc
#endif
import CGPIOD
import Foundation
import StandDrivers
import StandHardware

/// Inside the hardware-in-the-loop VM (scripts/bench runs it there through scripts/hil/run): the
/// real drivers against real kernel devices, each next to the raw kernel path in the same run.
/// Receipt bytes per second through libusb bulk OUT and through usblp, against a plain write()
/// to /dev/usb/lp0; key press → display frame through evdev and the appliance, against a plain
/// read() of the event node; drawer command → GPIO line change, against libgpiod setting the
/// line directly.
struct HILBenchmark: Benchmark {
    let name = "hil"
    let summary = "inside the HIL VM: USB/usblp receipt bytes/s, evdev key → frame, drawer → GPIO line, each vs the raw kernel path"

    func run(iterations: Int) throws -> [String] {
        let environment = ProcessInfo.processInfo.environment
        guard environment["STANDKIT_HIL"] == "1", let devicesFile = environment["STANDKIT_HIL_DEVICES"] else {
            throw BenchFailure("the hil benchmark runs inside the hardware-in-the-loop VM: scripts/bench hil (it boots the VM)")
        }
        let devices = try Self.devices(devicesFile)
        func value(_ key: String) throws -> String {
            guard let value = devices[key] ?? environment[key] else { throw BenchFailure("\(key) is not in \(devicesFile) or the environment") }
            return value
        }
        var lines = try printer(gadget: value("STANDKIT_HIL_PRINTER_GADGET"), lp: value("STANDKIT_HIL_PRINTER_LP"),
                                vendor: UInt16(value("PRINTER_VENDOR_ID").dropFirst(2), radix: 16) ?? 0,
                                product: UInt16(value("PRINTER_PRODUCT_ID").dropFirst(2), radix: 16) ?? 0,
                                jobs: max(10, iterations / 40))
        lines += try keypad(uinput: value("STANDKIT_HIL_UINPUT"), name: value("KEYPAD_NAME"),
                            vendor: UInt16(value("KEYPAD_VENDOR_ID").dropFirst(2), radix: 16) ?? 0,
                            product: UInt16(value("KEYPAD_PRODUCT_ID").dropFirst(2), radix: 16) ?? 0,
                            presses: max(20, iterations / 10))
        lines += try drawer(chip: value("STANDKIT_HIL_GPIOCHIP"), simulator: value("STANDKIT_HIL_GPIO_SIM"), pulses: max(10, iterations / 40))
        return lines
    }

    /// devices.conf: `KEY="value"` lines.
    static func devices(_ path: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            values[String(parts[0])] = String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return values
    }

    private func printer(gadget: String, lp: String, vendor: UInt16, product: UInt16, jobs: Int) throws -> [String] {
        let job = try PrinterTransportBenchmark.receipt()
        let reader = try KernelDeviceSide.GadgetReader(path: gadget)
        defer { reader.close() }
        func rate(_ body: () throws -> Void) throws -> Double {
            let before = reader.bytes
            let clock = ContinuousClock()
            let started = clock.now
            try body()
            reader.waitFor(before + job.count * jobs)
            return Double(job.count * jobs) / seconds(clock.now - started) / 1024
        }
        let raw = try rate {
            let fd = try KernelDeviceSide.open(lp, O_WRONLY)
            defer { close(fd) }
            for _ in 0..<jobs { try KernelDeviceSide.writeAll(fd, job, path: lp) }
        }
        let usblp = try rate {
            try blocking {
                let driver = DeviceFileReceiptPrinter(settings: .init(path: lp, readsStatus: false))
                try await driver.start()
                for _ in 0..<jobs { try await driver.print(job) }
                await driver.close()
            }
        }
        let libusb = try rate {
            try blocking {
                let driver = USBReceiptPrinter(settings: .init(vendorID: vendor, productID: product, readsStatus: false))
                try await driver.start()
                for _ in 0..<jobs { try await driver.print(job) }
                await driver.close()
            }
        }
        return [
            "receipts of \(job.count) bytes, \(jobs) each, to the printer gadget (status readback off: bytes only):",
            "  plain write() to \(lp): \(format(raw, 1)) KiB/s",
            "  DeviceFileReceiptPrinter (usblp): \(format(usblp, 1)) KiB/s (\(format(usblp / raw, 2))× raw)",
            "  USBReceiptPrinter (libusb bulk OUT): \(format(libusb, 1)) KiB/s (\(format(libusb / raw, 2))× raw)",
        ]
    }

    private func keypad(uinput: String, name: String, vendor: UInt16, product: UInt16, presses: Int) throws -> [String] {
        let digit7: UInt16 = 71, backspace: UInt16 = 14
        let keys: [UInt16] = [71, 72, 73, 75, 76, 77, 79, 80, 81, 82, 96, 14]
        let device = try KernelDeviceSide.UInputKeypad(path: uinput, name: name, vendorID: vendor, productID: product, keys: keys)
        defer { device.destroy() }
        var path: String?
        for _ in 0..<200 where path == nil {
            path = try? InputDeviceLocator.path(forDeviceNamed: name)
            if path == nil { usleep(10_000) }
        }
        guard let path else { throw BenchFailure("no input device named \(name) appeared") }

        // Raw: the press written to uinput until a read() of the event node returns it.
        let node = try KernelDeviceSide.open(path, O_RDONLY)
        var raw = Timings()
        let clock = ContinuousClock()
        let rawStart = clock.now
        var record = [UInt8](repeating: 0, count: InputEvent.byteCount)
        for _ in 0..<presses {
            let began = clock.now
            try device.send(digit7, down: true)
            var seen = false
            while !seen {
                guard record.withUnsafeMutableBytes({ read(node, $0.baseAddress, $0.count) }) == InputEvent.byteCount else {
                    close(node)
                    throw BenchFailure("read \(path) failed")
                }
                seen = record[16] == 1 && record[18] == UInt8(digit7) && record[20] == 1
            }
            raw.samples.append(clock.now - began)
            try device.send(digit7, down: false)
        }
        raw.wall = clock.now - rawStart
        close(node)

        // The driver: EvdevKeypad (grabbed) → supervisor → terminal → display frame.
        let frames = try blocking {
            let scratch = try ScratchDirectory("hil-keypad")
            defer { scratch.remove() }
            let keypad = EvdevKeypad(settings: .init(path: path, pollMilliseconds: 50))
            let stand = try await BenchStand.start(in: scratch.url, keypad: keypad)
            defer { stand.running.cancel() }
            return try await stand.keyToFrame(warmUp: 5, iterations: presses) { index in
                let code = index % 2 == 0 ? digit7 : backspace
                try device.send(code, down: true)
                try device.send(code, down: false)
            }
        }
        return [
            "key press on a uinput keypad named \"\(name)\", \(presses) presses:",
            "  plain read() of \(path): \(raw.line)",
            "  EvdevKeypad → supervisor → terminal → display frame: \(frames.line) (p50 \(format(seconds(frames.percentile(0.5)) / seconds(raw.percentile(0.5)), 1))× raw)",
        ]
    }

    private func drawer(chip: String, simulator: String, pulses: Int) throws -> [String] {
        let line = try KernelDeviceSide.SimulatedLine(directory: simulator, line: 0)
        let clock = ContinuousClock()

        // Raw: libgpiod sets the line, the simulator side sees it.
        guard let handle = gpiod_chip_open(chip) else { throw BenchFailure("gpiod_chip_open \(chip) failed") }
        guard let output = gpiod_chip_get_line(handle, 0), gpiod_line_request_output(output, "standkit-bench", 0) == 0 else {
            gpiod_chip_close(handle)
            throw BenchFailure("requesting line 0 of \(chip) failed")
        }
        var raw = Timings()
        for _ in 0..<pulses {
            let began = clock.now
            gpiod_line_set_value(output, 1)
            line.waitFor(high: true)
            raw.samples.append(clock.now - began)
            gpiod_line_set_value(output, 0)
            line.waitFor(high: false)
        }
        gpiod_line_release(output)
        gpiod_chip_close(handle)

        // The driver: GPIOCashDrawer.openDrawer() until the line goes high.
        let driven = try blocking {
            let drawer = GPIOCashDrawer(settings: .init(chip: chip, solenoidLine: 0, pulse: .milliseconds(20)))
            try await drawer.start()
            var timings = Timings()
            for _ in 0..<pulses {
                let began = clock.now
                let pulse = Task { try await drawer.openDrawer() }
                line.waitFor(high: true)
                timings.samples.append(clock.now - began)
                try await pulse.value
                line.waitFor(high: false)
            }
            await drawer.close()
            return timings
        }
        return [
            "drawer command → GPIO line high (gpio-sim line 0), \(pulses) pulses:",
            "  libgpiod set_value: p50 \(format(seconds(raw.percentile(0.5)) * 1000, 3)) ms  p99 \(format(seconds(raw.percentile(0.99)) * 1000, 3)) ms",
            "  GPIOCashDrawer.openDrawer(): p50 \(format(seconds(driven.percentile(0.5)) * 1000, 3)) ms  p99 \(format(seconds(driven.percentile(0.99)) * 1000, 3)) ms",
        ]
    }
}
