import Foundation

/// The cable between the USB printer gadget and the host side of the same kernel, pulled two
/// ways: unbinding the gadget from its UDC (configfs `UDC` file), or disabling the root hub port
/// it hangs on (sysfs `usbN-port1/disable`; the device leaves the bus and enumerates anew at
/// another address when enabled again).
///
/// Linux 6.1's printer gadget frees and reallocates its requests on each UDC re-bind and
/// corrupts its request lists now and then (oopses after three or four re-binds in one boot);
/// the port switch leaves the gadget bound.
public struct USBGadgetCable: Sendable {
    /// The gadget's configfs `UDC` file.
    public let udcFile: String
    /// The controller it is bound to when plugged: `dummy_udc.0`.
    public let controller: String

    public init(udcFile: String, controller: String) {
        self.udcFile = udcFile
        self.controller = controller
    }

    /// The VM's printer: its UDC file from the environment, its controller from devices.conf.
    public init(environment: HILEnvironment) throws {
        udcFile = try environment.value(.printerUDC)
        controller = try environment.devices().string("PRINTER_UDC")
    }

    public func isBound() throws(KernelDeviceError) -> Bool {
        !(try KernelDeviceFile.text(of: udcFile)).trimmingCharacters(in: .whitespaces).isEmpty
    }

    public func bind() throws(KernelDeviceError) {
        try KernelDeviceFile.write(controller + "\n", to: udcFile)
    }

    public func unbind() throws(KernelDeviceError) {
        try KernelDeviceFile.write("\n", to: udcFile)
    }

    /// Enables or disables the host's root hub port: plugging the printer in or pulling it out.
    public func setPortEnabled(_ enabled: Bool) throws(KernelDeviceError) {
        try KernelDeviceFile.write(enabled ? "0\n" : "1\n", to: try hostPort() + "/disable")
    }

    public func isPortEnabled() throws(KernelDeviceError) -> Bool {
        try KernelDeviceFile.text(of: try hostPort() + "/disable").hasPrefix("0")
    }

    /// Bound and its port enabled.
    public func isPlugged() throws(KernelDeviceError) -> Bool {
        guard try isBound() else { return false }
        return try isPortEnabled()
    }

    /// Bound to its controller and its port enabled, whatever an earlier test left.
    public func plugIn() throws(KernelDeviceError) {
        if try !isBound() { try bind() }
        try setPortEnabled(true)
    }

    /// Whether the host sees the printer: its device directory under /sys/bus/usb/devices.
    public var isOnBus: Bool {
        guard let port = try? hostPort() else { return false }
        // .../usb1/1-0:1.0/usb1-port1 → the device on that port is 1-1.
        let name = URL(fileURLWithPath: port).lastPathComponent
        let device = name.replacingOccurrences(of: "usb", with: "").replacingOccurrences(of: "-port", with: "-")
        return FileManager.default.fileExists(atPath: "/sys/bus/usb/devices/\(device)/idVendor")
    }

    /// The sysfs directory of the root hub port the gadget is on: dummy_hcd's only port.
    public func hostPort() throws(KernelDeviceError) -> String {
        let devices = "/sys/bus/usb/devices"
        let roots = ((try? FileManager.default.contentsOfDirectory(atPath: devices)) ?? []).filter { $0.hasPrefix("usb") }.sorted()
        for root in roots {
            let bus = root.dropFirst(3)
            let port = "\(devices)/\(bus)-0:1.0/usb\(bus)-port1"
            if FileManager.default.fileExists(atPath: port + "/disable") { return port }
        }
        throw KernelDeviceError("finding a root hub port with a disable switch (buses \(roots))", on: devices, errno: ENOENT)
    }
}
