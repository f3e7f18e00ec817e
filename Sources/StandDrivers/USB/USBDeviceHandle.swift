import CLibUSB

/// An open USB device, owned: libusb_open in `init`, the claimed interface released (the kernel
/// driver libusb detached from it, usblp, given back) and the handle closed exactly once in
/// `close()` or `deinit`. Holds its context, so the context outlives it.
final class USBDeviceHandle: @unchecked Sendable {
    // Used only by the one printer actor that opened it.
    private let context: USBContext
    private var handle: OpaquePointer?
    private var claimedInterface: Int32?
    let device: USBDeviceDescription

    init(context: USBContext, device: OpaquePointer, description: USBDeviceDescription) throws(USBError) {
        var opened: OpaquePointer?
        let result = libusb_open(device, &opened)
        guard result == 0, let opened else { throw USBError(call: "libusb_open", result: result, device: description.description) }
        self.context = context
        handle = opened
        self.device = description
        // Platforms without kernel drivers to detach answer NOT_SUPPORTED: nothing to do there.
        _ = libusb_set_auto_detach_kernel_driver(opened, 1)
    }

    deinit {
        close()
    }

    /// Claims `interface` (detaching a kernel driver that holds it) and selects its setting.
    func claim(_ interface: USBInterfaceDescription) throws(USBError) {
        let handle = try open("libusb_claim_interface")
        let number = Int32(interface.number)
        let result = libusb_claim_interface(handle, number)
        guard result == 0 else { throw USBError(call: "libusb_claim_interface(\(number))", result: result, device: device.description) }
        claimedInterface = number
        guard interface.alternateSetting != 0 else { return }
        let selected = libusb_set_interface_alt_setting(handle, number, Int32(interface.alternateSetting))
        guard selected == 0 else {
            throw USBError(call: "libusb_set_interface_alt_setting(\(number), \(interface.alternateSetting))", result: selected,
                           device: device.description)
        }
    }

    /// Sends `bytes` to a bulk OUT endpoint; returns how many went before `timeoutMilliseconds`
    /// ran out (a timeout is not an error here: the caller decides how long to keep trying).
    func bulkWrite(_ endpoint: UInt8, _ bytes: ArraySlice<UInt8>, timeoutMilliseconds: UInt32) throws(USBError) -> Int {
        let handle = try open("libusb_bulk_transfer")
        var chunk = Array(bytes)
        var transferred: Int32 = 0
        let result = libusb_bulk_transfer(handle, endpoint, &chunk, Int32(chunk.count), &transferred, timeoutMilliseconds)
        guard result == 0 || result == LIBUSB_ERROR_TIMEOUT.rawValue else {
            throw USBError(call: "libusb_bulk_transfer(OUT 0x\(String(endpoint, radix: 16)))", result: result, device: device.description)
        }
        return Int(transferred)
    }

    /// Reads up to `length` bytes from a bulk IN endpoint; empty when nothing came in time.
    func bulkRead(_ endpoint: UInt8, length: Int, timeoutMilliseconds: UInt32) throws(USBError) -> [UInt8] {
        let handle = try open("libusb_bulk_transfer")
        var buffer = [UInt8](repeating: 0, count: length)
        var transferred: Int32 = 0
        let result = libusb_bulk_transfer(handle, endpoint, &buffer, Int32(length), &transferred, timeoutMilliseconds)
        guard result == 0 || result == LIBUSB_ERROR_TIMEOUT.rawValue else {
            throw USBError(call: "libusb_bulk_transfer(IN 0x\(String(endpoint, radix: 16)))", result: result, device: device.description)
        }
        return Array(buffer[..<Int(transferred)])
    }

    /// A control request that reads `length` bytes from the device (class, vendor or standard).
    func controlIn(requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, length: Int,
                   timeoutMilliseconds: UInt32) throws(USBError) -> [UInt8] {
        let handle = try open("libusb_control_transfer")
        var buffer = [UInt8](repeating: 0, count: length)
        let result = libusb_control_transfer(handle, requestType, request, value, index, &buffer, UInt16(length), timeoutMilliseconds)
        guard result >= 0 else {
            throw USBError(call: "libusb_control_transfer(0x\(String(requestType, radix: 16)), \(request))", result: result,
                           device: device.description)
        }
        return Array(buffer[..<Int(result)])
    }

    /// Releases the interface and closes the device; later calls do nothing.
    func close() {
        guard let handle else { return }
        if let claimedInterface { _ = libusb_release_interface(handle, claimedInterface) }
        libusb_close(handle)
        self.handle = nil
        claimedInterface = nil
    }

    private func open(_ call: String) throws(USBError) -> OpaquePointer {
        guard let handle else { throw USBError(call: call, code: .noDevice, device: "\(device.description) (closed)") }
        return handle
    }
}
