/// The USB bus through libusb: one context for the printer's whole life.
struct LibUSBPrinterBus: USBPrinterBus {
    private let context: USBContext
    /// How often the device list is compared (no hotplug) or hotplug events are handled.
    private let watchInterval: Duration
    /// Whether enumeration opens devices to read their serial number (only when one is asked for).
    private let readsSerialNumbers: Bool

    init(watchInterval: Duration = .milliseconds(250), readsSerialNumbers: Bool = false) throws(USBError) {
        context = try USBContext()
        self.watchInterval = watchInterval
        self.readsSerialNumbers = readsSerialNumbers
    }

    func devices() throws(USBError) -> [USBDeviceDescription] {
        try context.devices(readingSerials: readsSerialNumbers)
    }

    func open(_ device: USBDeviceDescription, interface: USBInterfaceDescription) throws(USBError) -> any USBPrinterLink {
        LibUSBPrinterLink(handle: try context.open(device), interface: interface)
    }

    func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let context = context
        let interval = watchInterval
        let watch = Task { await USBPlugWatch.run(context: context, interval: interval, continuation) }
        continuation.onTermination = { _ in watch.cancel() }
        return stream
    }
}

/// A printer interface on an open libusb device handle.
final class LibUSBPrinterLink: USBPrinterLink, @unchecked Sendable {
    // Used only by the one printer actor that opened it.
    private let handle: USBDeviceHandle
    private let interface: USBInterfaceDescription

    /// The printer class request GET_PORT_STATUS: class, interface, device to host; request 1.
    private static let getPortStatus: (requestType: UInt8, request: UInt8) = (0xA1, 1)

    init(handle: USBDeviceHandle, interface: USBInterfaceDescription) {
        self.handle = handle
        self.interface = interface
    }

    func claim() throws(USBError) {
        try handle.claim(interface)
    }

    func write(_ bytes: ArraySlice<UInt8>, timeout: Duration) throws(USBError) -> Int {
        guard let endpoint = interface.bulkOut else {
            throw USBError(call: "bulk OUT transfer", code: .notFound, device: handle.device.description)
        }
        return try handle.bulkWrite(endpoint, bytes, timeoutMilliseconds: Self.milliseconds(timeout))
    }

    var canRead: Bool { interface.bulkIn != nil }

    func read(timeout: Duration) throws(USBError) -> [UInt8] {
        guard let endpoint = interface.bulkIn else {
            throw USBError(call: "bulk IN transfer", code: .notFound, device: handle.device.description)
        }
        return try handle.bulkRead(endpoint, length: interface.bulkInPacketSize, timeoutMilliseconds: Self.milliseconds(timeout))
    }

    func portStatus(timeout: Duration) throws(USBError) -> UInt8 {
        let answer = try handle.controlIn(requestType: Self.getPortStatus.requestType, request: Self.getPortStatus.request, value: 0,
                                          index: UInt16(interface.number), length: 1, timeoutMilliseconds: Self.milliseconds(timeout))
        guard let status = answer.first else {
            throw USBError(call: "GET_PORT_STATUS (empty answer)", code: .io, device: handle.device.description)
        }
        return status
    }

    func close() {
        handle.close()
    }

    /// libusb's timeouts are whole milliseconds, 0 meaning "forever": never below 1.
    private static func milliseconds(_ duration: Duration) -> UInt32 {
        let (seconds, attoseconds) = duration.components
        return UInt32(clamping: max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }
}
