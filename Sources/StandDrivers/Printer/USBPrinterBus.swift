/// What the USB receipt printer needs from a USB bus: the devices on it, opening one printer
/// interface, and news of plugs and unplugs. libusb in the field (`LibUSBPrinterBus`), an
/// in-memory bus in tests.
protocol USBPrinterBus: Sendable {
    /// Every device plugged in now.
    func devices() throws(USBError) -> [USBDeviceDescription]
    /// Opens `device` to print through `interface` (not claimed yet).
    func open(_ device: USBDeviceDescription, interface: USBInterfaceDescription) throws(USBError) -> any USBPrinterLink
    /// Yields whenever a device was plugged in or pulled out; ends when the subscriber stops.
    func changes() -> AsyncStream<Void>
}

/// One opened printer interface. Every call waits at most its timeout; the driver slices long
/// waits into short calls so no call holds a thread for long.
protocol USBPrinterLink: AnyObject, Sendable {
    /// Claims the interface; a kernel driver holding it (usblp) is detached until `close()`.
    func claim() throws(USBError)
    /// Sends bytes to the bulk OUT endpoint; returns how many the printer took within `timeout`.
    func write(_ bytes: ArraySlice<UInt8>, timeout: Duration) throws(USBError) -> Int
    /// Whether the interface has a bulk IN endpoint (status answers).
    var canRead: Bool { get }
    /// Reads what the printer sent on the bulk IN endpoint within `timeout`; empty when nothing.
    func read(timeout: Duration) throws(USBError) -> [UInt8]
    /// The printer class GET_PORT_STATUS byte (0x08 no error, 0x10 selected, 0x20 paper empty).
    func portStatus(timeout: Duration) throws(USBError) -> UInt8
    /// Releases the interface and closes the device; later calls do nothing.
    func close()
}
