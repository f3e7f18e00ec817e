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

    /// Unplugs the printer gadget (its configfs UDC file emptied) or plugs it back in.
    static func plugPrinter(_ plugged: Bool) throws {
        guard let printer else { throw HarnessError(description: runInside) }
        let controller = try devices()["PRINTER_UDC"] ?? "dummy_udc.0"
        try ((plugged ? controller : "") + "\n").write(toFile: printer.udc, atomically: false, encoding: .utf8)
    }

    /// The USB state of the gadget's controller ("configured" once the host has set it up), nil when unbound.
    static func printerState() -> String? {
        guard let printer, let bound = try? String(contentsOfFile: printer.udc, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
              !bound.isEmpty else { return nil }
        return (try? String(contentsOfFile: "/sys/class/udc/\(bound)/state", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
