import CLibUSB
#if canImport(Glibc)
import Glibc
#endif

/// A libusb context, owned: created in `init`, freed in `deinit` after every handle opened from
/// it (handles hold their context). libusb contexts are thread-safe.
final class USBContext: @unchecked Sendable {
    let handle: OpaquePointer

    init() throws(USBError) {
        var context: OpaquePointer?
        let result = libusb_init(&context)
        guard result == 0, let context else { throw USBError(call: "libusb_init", result: result, device: "libusb") }
        handle = context
    }

    deinit {
        libusb_exit(handle)
    }

    /// Whether libusb tells about plugs and unplugs itself (udev or netlink on Linux).
    var hasHotplug: Bool { libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0 }

    /// Every device on every bus, with its descriptors; `readingSerials` opens each device that
    /// has a serial number string to read it (devices the stand may not open keep nil).
    func devices(readingSerials: Bool = true) throws(USBError) -> [USBDeviceDescription] {
        try withDeviceList { list throws(USBError) in
            list.compactMap { device in describe(device, readingSerial: readingSerials) }
        }
    }

    /// Opens the device at `bus`/`address`; `.noDevice` when it is not (or no longer) there.
    func open(_ description: USBDeviceDescription) throws(USBError) -> USBDeviceHandle {
        try withDeviceList { list throws(USBError) in
            guard let device = list.first(where: { libusb_get_bus_number($0) == description.bus
                                                   && libusb_get_device_address($0) == description.address }) else {
                throw USBError(call: "libusb_open", code: .noDevice, device: description.description)
            }
            return try USBDeviceHandle(context: self, device: device, description: description)
        }
    }

    /// Handles libusb's pending events (hotplug callbacks among them) without waiting.
    func handlePendingEvents() {
        var none = timeval(tv_sec: 0, tv_usec: 0)
        _ = libusb_handle_events_timeout_completed(handle, &none, nil)
    }

    /// Runs `body` over the current device list, freed (and its references dropped) afterwards.
    private func withDeviceList<T>(_ body: ([OpaquePointer]) throws(USBError) -> T) throws(USBError) -> T {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(handle, &list)
        guard count >= 0, let list else {
            throw USBError(call: "libusb_get_device_list", result: Int32(truncatingIfNeeded: count), device: "libusb")
        }
        defer { libusb_free_device_list(list, 1) }
        let devices = (0..<count).compactMap { list[$0] }
        return try body(devices)
    }

    private func describe(_ device: OpaquePointer, readingSerial: Bool) -> USBDeviceDescription? {
        var descriptor = libusb_device_descriptor()
        guard libusb_get_device_descriptor(device, &descriptor) == 0 else { return nil }
        var description = USBDeviceDescription(vendorID: descriptor.idVendor, productID: descriptor.idProduct,
                                               bus: libusb_get_bus_number(device), address: libusb_get_device_address(device),
                                               serialNumber: nil, interfaces: Self.interfaces(of: device))
        if readingSerial, descriptor.iSerialNumber != 0 {
            description.serialNumber = Self.string(descriptor.iSerialNumber, of: device)
        }
        return description
    }

    private static func interfaces(of device: OpaquePointer) -> [USBInterfaceDescription] {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        if libusb_get_active_config_descriptor(device, &config) != 0 {
            guard libusb_get_config_descriptor(device, 0, &config) == 0 else { return [] }
        }
        guard let config else { return [] }
        defer { libusb_free_config_descriptor(config) }
        var interfaces: [USBInterfaceDescription] = []
        for i in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[i]
            for a in 0..<Int(interface.num_altsetting) {
                let setting = interface.altsetting[a]
                var described = USBInterfaceDescription(number: setting.bInterfaceNumber, alternateSetting: setting.bAlternateSetting,
                                                        interfaceClass: setting.bInterfaceClass,
                                                        interfaceSubclass: setting.bInterfaceSubClass,
                                                        interfaceProtocol: setting.bInterfaceProtocol, bulkOut: nil, bulkIn: nil)
                for e in 0..<Int(setting.bNumEndpoints) {
                    let endpoint = setting.endpoint[e]
                    guard endpoint.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue) else { continue }
                    if endpoint.bEndpointAddress & 0x80 != 0 {
                        if described.bulkIn == nil {
                            described.bulkIn = endpoint.bEndpointAddress
                            described.bulkInPacketSize = max(Int(endpoint.wMaxPacketSize & 0x7FF), 8)
                        }
                    } else if described.bulkOut == nil {
                        described.bulkOut = endpoint.bEndpointAddress
                    }
                }
                interfaces.append(described)
            }
        }
        return interfaces
    }

    /// A string descriptor in ASCII, nil when the device cannot be opened or has none.
    private static func string(_ index: UInt8, of device: OpaquePointer) -> String? {
        var opened: OpaquePointer?
        guard libusb_open(device, &opened) == 0, let opened else { return nil }
        defer { libusb_close(opened) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = libusb_get_string_descriptor_ascii(opened, index, &buffer, Int32(buffer.count))
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<Int(count)], as: UTF8.self)
    }
}
