#if canImport(Glibc)
import Glibc
#endif
import CGPIOD
import Foundation
import HardwareMocks
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
        let environment = HILEnvironment.current
        guard environment.has(.devices) else {
            throw BenchFailure("the hil benchmark runs inside the hardware-in-the-loop VM: scripts/bench hil (it boots the VM)")
        }
        let devices = try environment.devices()
        var lines = try printer(gadget: environment.value(.printerGadget), lp: environment.value(.printerLP),
                                vendor: devices.usbID("PRINTER_VENDOR_ID"), product: devices.usbID("PRINTER_PRODUCT_ID"),
                                jobs: max(10, iterations / 40))
        lines += try keypad(uinput: environment.value(.uinput), devices: devices, presses: max(20, iterations / 10))
        lines += try drawer(chip: environment.value(.gpioChip), simulator: environment.value(.gpioSimulator),
                            line: devices.gpioLine(named: "drawer-solenoid"), pulses: max(10, iterations / 40))
        return lines
    }

    private func printer(gadget: String, lp: String, vendor: UInt16, product: UInt16, jobs: Int) throws -> [String] {
        let job = try PrinterTransportBenchmark.receipt()
        let model = try GadgetPrinter(path: gadget, answersStatusRequests: false)
        defer { _ = try? blocking { await model.stop() } }
        func rate(_ body: () throws -> Void) throws -> Double {
            let before = model.bytesReceived
            let clock = ContinuousClock()
            let started = clock.now
            try body()
            while model.bytesReceived < before + job.count * jobs { usleep(200) }
            return Double(job.count * jobs) / seconds(clock.now - started) / 1024
        }
        let raw = try rate {
            let file = try KernelDeviceFile(path: lp, flags: O_WRONLY)
            defer { file.close() }
            for _ in 0..<jobs { try file.write(job) }
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

    private func keypad(uinput: String, devices: HILDevicesConf, presses: Int) throws -> [String] {
        let digit7: UInt16 = 71, backspace: UInt16 = 14
        let keys: [UInt16] = [71, 72, 73, 75, 76, 77, 79, 80, 81, 82, 96, 14]
        let device = try UInputKeypad(uinput: uinput, described: devices, keys: keys)
        defer { device.destroy() }
        let name = device.name
        var path: String?
        for _ in 0..<200 where path == nil {
            path = try? InputDeviceLocator.path(forDeviceNamed: name)
            if path == nil { usleep(10_000) }
        }
        guard let path else { throw BenchFailure("no input device named \(name) appeared") }

        // Raw: the press written to uinput until a read() of the event node returns it.
        let node = try KernelDeviceFile(path: path, flags: O_RDONLY)
        var raw = Timings()
        let clock = ContinuousClock()
        let rawStart = clock.now
        for _ in 0..<presses {
            let began = clock.now
            try device.press(digit7)
            var seen = false
            while !seen {
                let record = try node.read(upTo: InputEvent.byteCount)
                guard record.count == InputEvent.byteCount else { throw BenchFailure("read \(path) returned \(record.count) bytes, not one event") }
                seen = record[16] == 1 && record[18] == UInt8(digit7) && record[20] == 1
            }
            raw.samples.append(clock.now - began)
            try device.release(digit7)
        }
        raw.wall = clock.now - rawStart
        node.close()

        // The driver: EvdevKeypad (grabbed) → supervisor → terminal → display frame.
        let frames = try blocking {
            let scratch = try ScratchDirectory("hil-keypad")
            defer { scratch.remove() }
            let keypad = EvdevKeypad(settings: .init(path: path, pollMilliseconds: 50))
            let stand = try await BenchStand.start(in: scratch.url, keypad: keypad)
            defer { stand.running.cancel() }
            return try await stand.keyToFrame(warmUp: 5, iterations: presses) { index in
                let code = index % 2 == 0 ? digit7 : backspace
                try device.press(code)
                try device.release(code)
            }
        }
        return [
            "key press on a uinput keypad named \"\(name)\", \(presses) presses:",
            "  plain read() of \(path): \(raw.line)",
            "  EvdevKeypad → supervisor → terminal → display frame: \(frames.line) (p50 \(format(seconds(frames.percentile(0.5)) / seconds(raw.percentile(0.5)), 1))× raw)",
        ]
    }

    private func drawer(chip: String, simulator: String, line solenoid: Int, pulses: Int) throws -> [String] {
        let line = try GPIOSimulator(directory: simulator).line(solenoid)
        defer { line.close() }
        @Sendable func waitFor(level: Int) throws { while try line.level() != level {} }
        let clock = ContinuousClock()

        // Raw: libgpiod sets the line, the simulator side sees it.
        guard let handle = gpiod_chip_open(chip) else { throw BenchFailure("gpiod_chip_open \(chip) failed") }
        guard let output = gpiod_chip_get_line(handle, UInt32(solenoid)), gpiod_line_request_output(output, "standkit-bench", 0) == 0 else {
            gpiod_chip_close(handle)
            throw BenchFailure("requesting line \(solenoid) of \(chip) failed")
        }
        var raw = Timings()
        for _ in 0..<pulses {
            let began = clock.now
            gpiod_line_set_value(output, 1)
            try waitFor(level: 1)
            raw.samples.append(clock.now - began)
            gpiod_line_set_value(output, 0)
            try waitFor(level: 0)
        }
        gpiod_line_release(output)
        gpiod_chip_close(handle)

        // The driver: GPIOCashDrawer.openDrawer() until the line goes high.
        let driven = try blocking {
            let drawer = GPIOCashDrawer(settings: .init(chip: chip, solenoidLine: solenoid, pulse: .milliseconds(20)))
            try await drawer.start()
            var timings = Timings()
            for _ in 0..<pulses {
                let began = clock.now
                let pulse = Task { try await drawer.openDrawer() }
                try waitFor(level: 1)
                timings.samples.append(clock.now - began)
                try await pulse.value
                try waitFor(level: 0)
            }
            await drawer.close()
            return timings
        }
        return [
            "drawer command → GPIO line high (gpio-sim line \(solenoid)), \(pulses) pulses:",
            "  libgpiod set_value: p50 \(format(seconds(raw.percentile(0.5)) * 1000, 3)) ms  p99 \(format(seconds(raw.percentile(0.99)) * 1000, 3)) ms",
            "  GPIOCashDrawer.openDrawer(): p50 \(format(seconds(driven.percentile(0.5)) * 1000, 3)) ms  p99 \(format(seconds(driven.percentile(0.99)) * 1000, 3)) ms",
        ]
    }
}
