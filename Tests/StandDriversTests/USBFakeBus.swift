import StandHardware
@testable import StandDrivers
import Synchronization

/// An in-memory USB bus with printers on it, behind the same seam as libusb. Each printer keeps
/// the job bytes it took (DLE EOT requests answered on its bulk IN instead), the size of every
/// bulk transfer, and can be told to stall, run out of paper, open its cover, refuse to be
/// claimed, or be unplugged after a number of bytes and plugged back in.
final class USBFakeBus: USBPrinterBus, Sendable {
    struct Printer {
        var description: USBDeviceDescription
        var plugged = true
        var received: [UInt8] = []
        var transferSizes: [Int] = []
        var answersStatusRequests = true
        var paperOut = false
        var coverOpen = false
        /// The printer takes no more job bytes once it has this many.
        var stallAfter: Int?
        /// The cable comes out once the printer has this many job bytes.
        var unplugAfter: Int?
        /// Bulk OUT transfers fail with this (the device stays as it is).
        var writeError: USBError.Code?
        var openError: USBError.Code?
        var claimError: USBError.Code?
        var claimed = false
        var pendingIn: [UInt8] = []
    }

    private struct State {
        var printers: [Printer]
        var watchers: [Int: AsyncStream<Void>.Continuation] = [:]
        var nextWatcher = 0
    }

    private let state: Mutex<State>

    init(_ devices: [USBDeviceDescription]) {
        state = Mutex(State(printers: devices.map { Printer(description: $0) }))
    }

    /// A device with one interface of `interfaceClass` and bulk endpoints 0x02 OUT, 0x81 IN.
    static func device(_ vendor: UInt16, _ product: UInt16, interfaceClass: UInt8 = 7, address: UInt8 = 5,
                       bulkIn: UInt8? = 0x81, serial: String? = nil) -> USBDeviceDescription {
        USBDeviceDescription(vendorID: vendor, productID: product, bus: 1, address: address, serialNumber: serial,
                             interfaces: [USBInterfaceDescription(number: 0, interfaceClass: interfaceClass, interfaceSubclass: 1,
                                                                  interfaceProtocol: 2, bulkOut: 0x02, bulkIn: bulkIn)])
    }

    // MARK: - Seeing and changing the printers

    func printer(_ index: Int = 0) -> Printer { state.withLock { $0.printers[index] } }

    func change(_ index: Int = 0, _ body: (inout Printer) -> Void) {
        state.withLock { body(&$0.printers[index]) }
    }

    /// Pulls the cable now.
    func unplug(_ index: Int = 0) {
        state.withLock { unplug(index, &$0) }
        announce()
    }

    /// Plugs the printer back in; it comes back at the next address, as on a real bus.
    func plugIn(_ index: Int = 0) {
        state.withLock { state in
            state.printers[index].plugged = true
            state.printers[index].unplugAfter = nil
            state.printers[index].description.address += 1
        }
        announce()
    }

    /// Pulls the cable without the bus telling anyone yet (its hotplug event comes later).
    func unplugQuietly(_ index: Int = 0) {
        state.withLock { unplug(index, &$0) }
    }

    private func unplug(_ index: Int, _ state: inout State) {
        state.printers[index].plugged = false
        state.printers[index].claimed = false
        state.printers[index].pendingIn = []
    }

    private func announce() {
        for watcher in state.withLock({ Array($0.watchers.values) }) { watcher.yield() }
    }

    // MARK: - USBPrinterBus

    func devices() throws(USBError) -> [USBDeviceDescription] {
        state.withLock { $0.printers.filter(\.plugged).map(\.description) }
    }

    func open(_ device: USBDeviceDescription, interface: USBInterfaceDescription) throws(USBError) -> any USBPrinterLink {
        let found = state.withLock { state in
            state.printers.firstIndex { $0.plugged && $0.description == device }.map { ($0, state.printers[$0].openError) }
        }
        guard let (index, openError) = found else { throw USBError(call: "libusb_open", code: .noDevice, device: device.description) }
        if let openError { throw USBError(call: "libusb_open", code: openError, device: device.description) }
        return Link(bus: self, index: index, address: device.address, interface: interface)
    }

    func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state in
            defer { state.nextWatcher += 1 }
            state.watchers[state.nextWatcher] = continuation
            return state.nextWatcher
        }
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.watchers.removeValue(forKey: id) } }
        return stream
    }

    var watcherCount: Int { state.withLock { $0.watchers.count } }

    // MARK: - The link

    final class Link: USBPrinterLink, Sendable {
        private let bus: USBFakeBus
        private let index: Int
        /// The address it was opened at: after a re-plug the old link stays dead.
        private let address: UInt8
        private let interface: USBInterfaceDescription
        private let closed = Atomic<Bool>(false)

        init(bus: USBFakeBus, index: Int, address: UInt8, interface: USBInterfaceDescription) {
            self.bus = bus
            self.index = index
            self.address = address
            self.interface = interface
        }

        var canRead: Bool { interface.bulkIn != nil }

        func claim() throws(USBError) {
            try bus.state.withLock { (state) throws(USBError) in
                var printer = try live(&state, "libusb_claim_interface")
                if let error = printer.claimError { throw USBError(call: "libusb_claim_interface(0)", code: error, device: printer.description.description) }
                printer.claimed = true
                state.printers[index] = printer
            }
        }

        func write(_ bytes: ArraySlice<UInt8>, timeout: Duration) throws(USBError) -> Int {
            let unplugged = Atomic<Bool>(false)
            defer { if unplugged.load(ordering: .relaxed) { bus.announce() } }
            return try bus.state.withLock { (state) throws(USBError) -> Int in
                var printer = try live(&state, "libusb_bulk_transfer(OUT 0x2)")
                if bytes.count == 3, bytes.first == 0x10, bytes.dropFirst().first == 0x04,
                   let request = StatusRequest(rawValue: bytes.last!) {
                    if printer.answersStatusRequests { printer.pendingIn.append(Self.reply(request, printer)) }
                    state.printers[index] = printer
                    return bytes.count
                }
                if let error = printer.writeError {
                    throw USBError(call: "libusb_bulk_transfer(OUT 0x2)", code: error, device: printer.description.description)
                }
                var allowed = bytes.count
                if let limit = printer.stallAfter { allowed = min(allowed, max(0, limit - printer.received.count)) }
                if let limit = printer.unplugAfter {
                    allowed = min(allowed, max(0, limit - printer.received.count))
                    if allowed == 0 {
                        state.printers[index] = printer
                        bus.unplug(index, &state)
                        unplugged.store(true, ordering: .relaxed)
                        throw USBError(call: "libusb_bulk_transfer(OUT 0x2)", code: .noDevice, device: printer.description.description)
                    }
                }
                printer.received += bytes.prefix(allowed)
                printer.transferSizes.append(bytes.count)
                state.printers[index] = printer
                return allowed
            }
        }

        func read(timeout: Duration) throws(USBError) -> [UInt8] {
            try bus.state.withLock { (state) throws(USBError) -> [UInt8] in
                _ = try live(&state, "libusb_bulk_transfer(IN 0x81)")
                defer { state.printers[index].pendingIn = [] }
                return state.printers[index].pendingIn
            }
        }

        func portStatus(timeout: Duration) throws(USBError) -> UInt8 {
            try bus.state.withLock { (state) throws(USBError) -> UInt8 in
                let printer = try live(&state, "libusb_control_transfer(0xa1, 1)")
                return 0x18 | (printer.paperOut ? 0x20 : 0)
            }
        }

        func close() {
            guard !closed.exchange(true, ordering: .relaxed) else { return }
            bus.state.withLock { state in
                if state.printers[index].description.address == address { state.printers[index].claimed = false }
            }
        }

        private func live(_ state: inout State, _ call: String) throws(USBError) -> Printer {
            let printer = state.printers[index]
            guard !closed.load(ordering: .relaxed), printer.plugged, printer.description.address == address else {
                throw USBError(call: call, code: .noDevice, device: printer.description.description)
            }
            return printer
        }

        private static func reply(_ request: StatusRequest, _ printer: Printer) -> UInt8 {
            let offline = printer.paperOut || printer.coverOpen
            switch request {
            case .printer: return StatusReply.printer(drawerPin3High: false, offline: offline, waitingForRecovery: false, feedButtonPressed: false).byte
            case .offlineCause: return StatusReply.offlineCause(coverOpen: printer.coverOpen, feedingByButton: false, paperEndStop: printer.paperOut, errorOccurred: false).byte
            case .errorCause: return StatusReply.errorCause(mechanical: false, autocutter: false, unrecoverable: false, autoRecoverable: false).byte
            case .paperSensor: return StatusReply.paperSensor(nearEnd: false, end: printer.paperOut).byte
            }
        }
    }
}
