import Foundation

/// What scripts/hil/run tells a command inside the hardware-in-the-loop VM: where the simulated
/// devices are (environment) and who they claim to be (scripts/hil/devices.conf, the file the
/// rig created them from).
enum HILRig {
    /// The comment a skipped HIL suite shows outside the VM.
    static let runInside = "needs the hardware-in-the-loop VM's simulated devices: run under scripts/hil/run "
        + "(e.g. scripts/hil/run -- .build/debug/StandKitPackageTests.xctest --testing-library swift-testing --filter HIL), "
        + "which sets STANDKIT_HIL and the STANDKIT_HIL_* device paths"

    private static let environment = ProcessInfo.processInfo.environment

    /// The printer gadget's paths, when running inside the VM.
    static let printer: (gadget: String, udc: String, usblp: String)? = {
        guard environment["STANDKIT_HIL"] == "1", let gadget = environment["STANDKIT_HIL_PRINTER_GADGET"],
              let udc = environment["STANDKIT_HIL_PRINTER_UDC"] else { return nil }
        return (gadget, udc, environment["STANDKIT_HIL_PRINTER_LP"] ?? "/dev/usb/lp0")
    }()

    /// The whole kit: printer, GPIO chip and its simulator side, uinput.
    static let stand: (gpioChip: String, gpioSim: String, uinput: String)? = {
        guard printer != nil, let chip = environment["STANDKIT_HIL_GPIOCHIP"], let sim = environment["STANDKIT_HIL_GPIO_SIM"],
              let uinput = environment["STANDKIT_HIL_UINPUT"] else { return nil }
        return (chip, sim, uinput)
    }()

    /// devices.conf as KEY → value (its format: one KEY="value" a line, '#' comments).
    static func devices() throws -> [String: String] {
        let path = environment["STANDKIT_HIL_DEVICES"] ?? "scripts/hil/devices.conf"
        var values: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return values
    }

    /// A hexadecimal id of devices.conf ("0x04b8").
    static func hexID(_ key: String) throws -> UInt16 {
        let text = try devices()[key] ?? ""
        guard text.hasPrefix("0x"), let value = UInt16(text.dropFirst(2), radix: 16) else {
            throw HarnessError(description: "devices.conf has no hexadecimal \(key) (found '\(text)')")
        }
        return value
    }

    /// Pulls the printer's cable or plugs it back in, on the host side: the root hub port it
    /// hangs on is disabled (the device leaves the bus, usblp and libusb see it go) and enabled
    /// again (it enumerates anew at another address). The rig's other unplug, emptying the
    /// gadget's configfs UDC file, frees and reallocates the printer function's requests, and
    /// Linux 6.1's gadget then corrupts its request lists now and then: list_add/list_del oopses
    /// in setup_rx_reqs and rx_complete, seen in the VM after three or four re-binds in one boot.
    static func plugPrinter(_ plugged: Bool) throws {
        try (plugged ? "0\n" : "1\n").write(toFile: try printerPort() + "/disable", atomically: false, encoding: .utf8)
    }

    /// Whether the printer's port is enabled and the gadget bound to its UDC.
    static func printerPlugged() throws -> Bool {
        guard let printer else { throw HarnessError(description: runInside) }
        let bound = try String(contentsOfFile: printer.udc, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let disabled = try String(contentsOfFile: try printerPort() + "/disable", encoding: .utf8).hasPrefix("1")
        return !bound.isEmpty && !disabled
    }

    /// Makes the printer seen by the host again after whatever an earlier test left.
    static func attachPrinter() throws {
        guard let printer else { throw HarnessError(description: runInside) }
        if try String(contentsOfFile: printer.udc, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            try ((try devices()["PRINTER_UDC"] ?? "dummy_udc.0") + "\n").write(toFile: printer.udc, atomically: false, encoding: .utf8)
        }
        try plugPrinter(true)
    }

    /// The sysfs directory of the root hub port the printer gadget is on (dummy_hcd's only port).
    static func printerPort() throws -> String {
        let devices = "/sys/bus/usb/devices"
        let roots = try FileManager.default.contentsOfDirectory(atPath: devices).filter { $0.hasPrefix("usb") }.sorted()
        for root in roots {
            let bus = root.dropFirst(3)
            let port = "\(devices)/\(bus)-0:1.0/usb\(bus)-port1"
            if FileManager.default.fileExists(atPath: port + "/disable") { return port }
        }
        throw HarnessError(description: "no USB root hub port with a disable switch under \(devices) (buses \(roots))")
    }

    /// Whether the printer is on the bus (its device directory under /sys/bus/usb/devices).
    static func printerOnBus() -> Bool {
        guard let port = try? printerPort() else { return false }
        let device = URL(fileURLWithPath: port).lastPathComponent.replacingOccurrences(of: "usb", with: "").replacingOccurrences(of: "-port", with: "-")
        return FileManager.default.fileExists(atPath: "/sys/bus/usb/devices/\(device)/idVendor")
    }
}
