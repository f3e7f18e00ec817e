import Foundation

/// What `scripts/hil/run` tells a command inside the hardware-in-the-loop VM (guest-init sets
/// it): that it runs there, and where each simulated device is. The HIL suites run only where
/// these are set and are skipped elsewhere with ``skipReason(needs:)``.
public struct HILEnvironment: Sendable {
    public enum Variable: String, Sendable {
        /// The devices.conf the VM's devices were made from.
        case devices = "STANDKIT_HIL_DEVICES"
        /// `/dev/g_printer0`, the printer's gadget side.
        case printerGadget = "STANDKIT_HIL_PRINTER_GADGET"
        /// The gadget's configfs `UDC` file.
        case printerUDC = "STANDKIT_HIL_PRINTER_UDC"
        /// `/dev/usb/lp0`, usblp's node of the printer.
        case printerLP = "STANDKIT_HIL_PRINTER_LP"
        /// `/dev/gpiochipN` of the gpio-sim chip.
        case gpioChip = "STANDKIT_HIL_GPIOCHIP"
        /// The gpio-sim chip's sysfs directory, with its `sim_gpioN` lines.
        case gpioSimulator = "STANDKIT_HIL_GPIO_SIM"
        case uinput = "STANDKIT_HIL_UINPUT"
        /// `/dev/videoN`, the v4l2loopback camera.
        case video = "STANDKIT_HIL_VIDEO"
    }

    /// This process's environment.
    public static let current = HILEnvironment(ProcessInfo.processInfo.environment)

    public let variables: [String: String]

    public init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// Inside the VM, with every one of `needed` set.
    public func has(_ needed: Variable...) -> Bool {
        variables["STANDKIT_HIL"] == "1" && needed.allSatisfy { !(variables[$0.rawValue] ?? "").isEmpty }
    }

    /// A device's place; a test that needs it fails with the reason when it is missing.
    public func value(_ variable: Variable) throws(HILEnvironmentError) -> String {
        guard let value = variables[variable.rawValue], !value.isEmpty else { throw HILEnvironmentError(variable: variable) }
        return value
    }

    /// The devices.conf this run's devices were made from.
    public func devices() throws(HILDevicesConfError) -> HILDevicesConf {
        try HILDevicesConf.load(environment: variables)
    }

    /// Why a HIL suite is skipped outside the VM, and the command that runs it there.
    public static func skipReason(needs device: String) -> String {
        "needs \(device) of the hardware-in-the-loop VM: run it under scripts/hil/run "
            + "(swift build --build-tests && scripts/hil/test runs every HIL suite in the VM)"
    }
}

/// A variable of the hardware-in-the-loop VM is missing: the command does not run inside it.
public struct HILEnvironmentError: Error, Hashable, Sendable, CustomStringConvertible {
    public let variable: HILEnvironment.Variable

    public var description: String {
        "\(variable.rawValue) is not set: this runs inside the hardware-in-the-loop VM, under scripts/hil/run"
    }
}
