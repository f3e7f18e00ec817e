#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks

/// The StandApp suites' use of the hardware-in-the-loop VM (HardwareMocks' kernel device sides,
/// as `scripts/hil/run` sets them up): the printer gadget plugged in and its printer model open
/// before a test, and the printer unplugged and plugged back in during one.
enum HILRig {
    static let environment = HILEnvironment.current

    /// The printer gadget, its UDC and usblp's node.
    static let hasPrinter = environment.has(.printerGadget, .printerUDC, .printerLP)
    /// The whole kit: the printer, the GPIO chip and its simulator side, uinput.
    static let hasStand = hasPrinter && environment.has(.gpioChip, .gpioSimulator, .uinput)

    /// The comment a skipped HIL suite shows outside the VM.
    static let runInside = HILEnvironment.skipReason(needs: "the simulated devices")

    /// usblp's node of the printer: gone while a driver holds the printer through libusb.
    static var usblp: String { (try? environment.value(.printerLP)) ?? "/dev/usb/lp0" }

    /// The printer gadget plugged in and its printer model open, after ending whatever an earlier
    /// test left.
    static func pluggedPrinter(answersStatusRequests: Bool = true) async throws -> GadgetPrinter {
        await HILLeftovers.endAll()
        return try await openPrinter(answersStatusRequests: answersStatusRequests, waitsForUsblp: true)
    }

    private static func openPrinter(answersStatusRequests: Bool, waitsForUsblp: Bool) async throws -> GadgetPrinter {
        let gadget = try environment.value(.printerGadget)
        let cable = try USBGadgetCable(environment: environment)
        if try !cable.isPlugged() { try cable.plugIn() }
        guard await eventually(10, { access(gadget, F_OK) == 0 && (!waitsForUsblp || access(usblp, F_OK) == 0) }) else {
            throw HarnessError(description: "\(gadget) or \(usblp) did not appear within 10 s")
        }
        // Right after a re-plug the node exists a moment before the gadget can be opened (ENODEV).
        for _ in 0..<50 {
            let opened = Result { () throws(KernelDeviceError) in try GadgetPrinter(path: gadget, answersStatusRequests: answersStatusRequests) }
            if case .failure(let error) = opened, error.errno == ENODEV {
                try await Task.sleep(for: .milliseconds(100))
                continue
            }
            let printer = try opened.get()
            _ = HILLeftovers.add { await printer.stop() }
            return printer
        }
        throw HarnessError(description: "\(gadget) could not be opened for 5 s after the printer was plugged in (ENODEV)")
    }

    /// Pulls the printer's cable (its root hub port disabled), the printer model closed first:
    /// its session ends with the cable, and closing it after the unplug trips a 6.1 kernel bug.
    static func unplug(_ printer: GadgetPrinter) async throws {
        await printer.stop()
        try USBGadgetCable(environment: environment).setPortEnabled(false)
    }

    /// Plugs the printer back in; its model does not answer DLE EOT (the 6.1 write-after-rebind oops).
    static func replug() async throws -> GadgetPrinter {
        let cable = try USBGadgetCable(environment: environment)
        try cable.setPortEnabled(true)
        // The host's SET_CONFIGURATION, and usblp's SET_INTERFACE as it binds, reset the gadget's
        // endpoints; the gadget side polling at that moment races the reset in Linux 6.1 (list
        // corruption in setup_rx_reqs). Opened once the host has the printer back and set up.
        guard await eventually(10, { cable.isOnBus }) else {
            throw HarnessError(description: "the re-plugged printer did not come back on the bus within 10 s")
        }
        _ = await eventually(1) { access(usblp, F_OK) == 0 }
        try await Task.sleep(for: .milliseconds(200))
        // A libusb stand may take the printer (usblp detached) before lp0 is seen here.
        return try await openPrinter(answersStatusRequests: false, waitsForUsblp: false)
    }
}
