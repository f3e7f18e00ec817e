import StandHardware

/// An ESC/POS receipt printer on USB, through libusb: found by a configured vendor/product id,
/// else by its printer-class interface, else by a known printer id (`USBPrinterModels`); the
/// kernel's usblp driver is detached while the stand holds the interface. Jobs go to the bulk
/// OUT endpoint in chunks, each wait sliced short so no call holds a thread for long; DLE EOT
/// 1…4 are answered on the bulk IN endpoint (the printer class GET_PORT_STATUS request is the
/// fallback) before and after each job.
///
/// Unplugging makes the printer `.disconnected` (a job in flight throws `.disconnected`);
/// plugging it back in emits `.reconnected`, and `start()` takes it again. The plug watch runs
/// from the first `open()` until `close()`; after an unplug (or an `open()` that found no
/// printer) it keeps running through `close()` until the printer is back, so a supervisor that
/// closed the lost printer hears of its return.
public actor USBReceiptPrinter: ReceiptPrinter {
    /// Which printer and how long to wait for it.
    public struct Settings: Hashable, Sendable {
        /// The printer's vendor id (`lsusb`: 04b8 for Epson); nil: the first printer found.
        public var vendorID: UInt16?
        /// The product id, with `vendorID`; nil: any product of that vendor.
        public var productID: UInt16?
        /// Picks one of several identical printers by its serial number string.
        public var serialNumber: String?
        public var paperWidth: PaperWidth
        /// The most bytes sent in one bulk transfer.
        public var chunkSize: Int
        /// How long the printer may stop taking data before a job fails.
        public var writeTimeout: Duration
        /// Whether status is read back around each job (DLE EOT, else GET_PORT_STATUS).
        public var readsStatus: Bool
        /// How long to wait for each status answer.
        public var statusTimeout: Duration

        public init(vendorID: UInt16? = nil, productID: UInt16? = nil, serialNumber: String? = nil, paperWidth: PaperWidth = .mm80,
                    chunkSize: Int = 4096, writeTimeout: Duration = .seconds(10), readsStatus: Bool = true,
                    statusTimeout: Duration = .seconds(1)) {
            self.vendorID = vendorID
            self.productID = productID
            self.serialNumber = serialNumber
            self.paperWidth = paperWidth
            self.chunkSize = chunkSize
            self.writeTimeout = writeTimeout
            self.readsStatus = readsStatus
            self.statusTimeout = statusTimeout
        }
    }

    /// The longest a single libusb call may wait; longer waits are made of several.
    static let slice = Duration.milliseconds(100)

    public nonisolated let identity: DeviceIdentity
    public nonisolated let capabilities: DeviceCapabilities
    private let settings: Settings
    private let criteria: USBPrinterModels.Criteria
    /// The bus, or why libusb could not start (reported by `open()`).
    private let bus: Result<any USBPrinterBus, USBError>
    private let broadcaster = DeviceEventBroadcaster()
    private var lifecycle = DeviceLifecycle()
    private var link: (any USBPrinterLink)?
    /// The printer the link is open to.
    private(set) var attached: USBPrinterModels.Match?
    private var watcher: Task<Void, Never>?
    /// The printer went away (or was not there): its return is announced with `.reconnected`.
    private var awaitingReplug = false
    /// Bytes read from bulk IN, not yet taken as status answers.
    private var inbound: [UInt8] = []
    /// Whether this connection's printer answers DLE EOT on bulk IN (nil: not asked yet).
    private var answersStatusRequests: Bool?
    /// One job or status request at a time: a drawer kick never lands inside a receipt.
    private let gate = PrinterJobGate()

    public init(settings: Settings) {
        self.init(settings: settings, bus: Result { () throws(USBError) -> any USBPrinterBus in
            try LibUSBPrinterBus(readsSerialNumbers: settings.serialNumber != nil)
        })
    }

    /// A printer on `bus` (an in-memory bus in tests).
    init(settings: Settings, bus: any USBPrinterBus) {
        self.init(settings: settings, bus: .success(bus))
    }

    private init(settings: Settings, bus: Result<any USBPrinterBus, USBError>) {
        self.settings = settings
        self.bus = bus
        criteria = USBPrinterModels.Criteria(vendorID: settings.vendorID, productID: settings.productID,
                                             serialNumber: settings.serialNumber)
        let known = settings.vendorID.flatMap { vendor in
            settings.productID.flatMap { USBPrinterModels.model(vendorID: vendor, productID: $0)?.name }
        }
        let unnamed = settings.vendorID == nil ? "USB ESC/POS printer (the first one found)" : "USB ESC/POS printer"
        identity = DeviceIdentity(kind: .receiptPrinter, model: known ?? unnamed,
                                  connection: .usb(vendorID: settings.vendorID ?? 0, productID: settings.productID ?? 0,
                                                   serial: settings.serialNumber))
        capabilities = DeviceCapabilities(paperWidth: settings.paperWidth, hasCutter: true, printsQRCodes: true,
                                          reportsStatus: settings.readsStatus, kicksDrawer: true)
    }

    deinit {
        watcher?.cancel()
    }

    public var state: DeviceState { lifecycle.state }

    public nonisolated func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    // MARK: - Lifecycle

    /// Finds the printer on the bus and opens it.
    public func open() async throws(DeviceError) {
        var next = lifecycle
        try next.opened()
        closeLink()
        guard settings.chunkSize >= 1 else {
            throw .invalidInput(.receiptPrinter, "a write chunk size of \(settings.chunkSize) bytes (it must be at least 1)")
        }
        let bus: any USBPrinterBus
        switch self.bus {
        case .success(let ready): bus = ready
        case .failure(let error):
            throw DeviceError(code: .io, summary: "The stand cannot use USB (libusb did not start).",
                              action: "Check that /dev/bus/usb exists and the stand may read it; restart the stand.",
                              detail: error.description)
        }
        startWatching(bus)
        let devices: [USBDeviceDescription]
        do { devices = try bus.devices() } catch { throw .usbPrinter(error) }
        guard let match = USBPrinterModels.find(in: devices, criteria) else {
            awaitingReplug = true
            throw notFound(among: devices)
        }
        do { link = try bus.open(match.device, interface: match.interface) } catch {
            // Gone between the listing and the open: its return is announced like a re-plug.
            if error.code == .noDevice { awaitingReplug = true }
            throw .usbPrinter(error)
        }
        attached = match
        awaitingReplug = false
        inbound = []
        answersStatusRequests = nil
        lifecycle = next
        broadcaster.send(.stateChanged(.opened))
    }

    /// Claims the printer interface (usblp is detached until the printer is closed).
    public func claim() async throws(DeviceError) {
        guard lifecycle.state == .opened, let link else { throw .wrongState(lifecycle.state, "claim") }
        do {
            try link.claim()
        } catch {
            closeLink()
            lifecycle.closed()
            broadcaster.send(.stateChanged(.closed))
            throw .usbPrinter(error)
        }
        try lifecycle.claimed()
        broadcaster.send(.stateChanged(.claimed))
    }

    public func enable() async throws(DeviceError) {
        try lifecycle.enabled()
        broadcaster.send(.stateChanged(.enabled))
    }

    /// Releases the interface (usblp gets it back) and closes the device.
    public func close() async {
        closeLink()
        if !awaitingReplug {
            watcher?.cancel()
            watcher = nil
        }
        let changed = lifecycle.state != .closed
        lifecycle.closed()
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    // MARK: - ReceiptPrinter

    public func status() async throws(DeviceError) -> PrinterStatus {
        await gate.enter()
        defer { gate.leave() }
        guard lifecycle.state == .enabled else { throw .wrongState(lifecycle.state, "report its status") }
        guard settings.readsStatus else { throw .unsupported(.receiptPrinter, "report its status (status readback is off)") }
        return try await readStatus()
    }

    /// Refuses the job when the printer reports paper out or cover open, sends it in chunks,
    /// then checks the printer is still ready (it took the whole receipt).
    public func print(_ job: [UInt8]) async throws(DeviceError) {
        await gate.enter()
        defer { gate.leave() }
        guard lifecycle.state == .enabled, link != nil else { throw .wrongState(lifecycle.state, "print") }
        if settings.readsStatus {
            do { try refuseUnlessReady(try await readStatus()) } catch { throw error.beforeStarting() }
        }
        try await send(job[...], stallTimeout: settings.writeTimeout, operation: "print")
        if settings.readsStatus { try refuseUnlessReady(try await readStatus()) }
    }

    // MARK: - Transfers

    private func currentLink(_ operation: String) throws(DeviceError) -> any USBPrinterLink {
        guard let link else { throw .disconnected(.receiptPrinter, detail: "\(operation): the printer is no longer open") }
        return link
    }

    /// Sends `bytes` in chunks; fails when the printer takes nothing for `stallTimeout`.
    private func send(_ bytes: ArraySlice<UInt8>, stallTimeout: Duration, operation: String) async throws(DeviceError) {
        let link = try currentLink(operation)
        let clock = ContinuousClock()
        var deadline = clock.now + stallTimeout
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let end = min(bytes.endIndex, offset + settings.chunkSize)
            let wait = min(Self.slice, max(deadline - clock.now, .milliseconds(1)))
            let taken: Int
            do { taken = try link.write(bytes[offset..<end], timeout: wait) } catch { throw await fail(error, operation, on: link) }
            if taken > 0 {
                offset += taken
                deadline = clock.now + stallTimeout
                continue
            }
            let done = offset - bytes.startIndex
            if clock.now >= deadline {
                throw DeviceError(code: .timeout, summary: "The printer stopped taking data: check paper and cover.",
                                  action: "Load paper or close the cover, then print the receipt again.",
                                  detail: "\(operation): bulk OUT to \(attached?.device.description ?? "the printer") took \(done) of \(bytes.count) bytes, then nothing for \(stallTimeout)")
            }
            do { try await Task.sleep(for: .milliseconds(2)) } catch {
                throw .timeout(.receiptPrinter, operation, detail: "cancelled after \(done) of \(bytes.count) bytes")
            }
        }
    }

    /// One byte from bulk IN, waiting at most `timeout`; nil when none came.
    private func receiveByte(timeout: Duration, operation: String) async throws(DeviceError) -> UInt8? {
        if !inbound.isEmpty { return inbound.removeFirst() }
        let link = try currentLink(operation)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let wait = min(Self.slice, max(deadline - clock.now, .milliseconds(1)))
            do { inbound += try link.read(timeout: wait) } catch { throw await fail(error, operation, on: link) }
            if !inbound.isEmpty { return inbound.removeFirst() }
            if clock.now >= deadline { return nil }
            do { try await Task.sleep(for: .milliseconds(2)) } catch { return nil }
        }
    }

    /// Drops bytes that came unasked (late answers), so the next answer read is the right one.
    private func discardPendingInput(_ link: any USBPrinterLink) async throws(DeviceError) {
        inbound = []
        for _ in 0..<16 {
            let bytes: [UInt8]
            do { bytes = try link.read(timeout: .milliseconds(1)) } catch { throw await fail(error, "status", on: link) }
            if bytes.isEmpty { return }
        }
    }

    // MARK: - Status

    private func refuseUnlessReady(_ status: PrinterStatus) throws(DeviceError) {
        if status.paper == .out { throw .paperOut }
        if status.coverOpen { throw .coverOpen }
    }

    /// DLE EOT 1…4 over bulk IN when the printer answers them, else GET_PORT_STATUS.
    private func readStatus() async throws(DeviceError) -> PrinterStatus {
        let link = try currentLink("status")
        if link.canRead, answersStatusRequests != false {
            if let bytes = try await askStatus(link) {
                answersStatusRequests = true
                do {
                    return try PrinterStatusParser.status(printer: bytes[0], offlineCause: bytes[1], errorCause: bytes[2], paperSensor: bytes[3])
                } catch {
                    throw .protocolViolation(.receiptPrinter, detail: "status bytes \(bytes) from \(attached?.device.description ?? "the printer"): \(error)")
                }
            }
            if answersStatusRequests == nil { answersStatusRequests = false }
        }
        let port: UInt8
        do {
            port = try link.portStatus(timeout: settings.statusTimeout)
        } catch where error.code == .timeout || error.code == .pipe || error.code == .notSupported {
            throw .timeout(.receiptPrinter, "status",
                           detail: "no DLE EOT answer on bulk IN within \(settings.statusTimeout), and GET_PORT_STATUS failed: \(error)")
        } catch {
            throw await fail(error, "status", on: link)
        }
        return Self.status(portStatus: port)
    }

    private func askStatus(_ link: any USBPrinterLink) async throws(DeviceError) -> [UInt8]? {
        try await discardPendingInput(link)
        var answers: [UInt8] = []
        for request in StatusRequest.allCases {
            try await send(request.command[...], stallTimeout: settings.statusTimeout, operation: "status")
            guard let byte = try await receiveByte(timeout: settings.statusTimeout, operation: "status") else { return nil }
            answers.append(byte)
        }
        return answers
    }

    /// The printer class port status: 0x20 paper empty, 0x10 selected (online), 0x08 no error.
    static func status(portStatus byte: UInt8) -> PrinterStatus {
        let paperEmpty = byte & 0x20 != 0
        let selected = byte & 0x10 != 0
        let noError = byte & 0x08 != 0
        return PrinterStatus(online: selected && (noError || paperEmpty), paper: paperEmpty ? .out : .ok)
    }

    // MARK: - Plugs and failures

    private func startWatching(_ bus: any USBPrinterBus) {
        guard watcher == nil else { return }
        let changes = bus.changes()
        watcher = Task { [weak self] in
            for await _ in changes {
                guard let self else { return }
                await self.busChanged()
            }
        }
    }

    /// A device came or went: is the open printer still there, or is the lost one back?
    private func busChanged() {
        guard case .success(let bus) = bus, let devices = try? bus.devices() else { return }
        if let attached, link != nil {
            if !devices.contains(where: { $0.bus == attached.device.bus && $0.address == attached.device.address }) {
                lost(detail: "\(attached.device) was unplugged")
            }
        } else if awaitingReplug, USBPrinterModels.find(in: devices, criteria) != nil {
            awaitingReplug = false
            broadcaster.send(.reconnected)
        }
    }

    /// A failed transfer: a printer gone from the bus is disconnected; anything else closes it as
    /// failed. Timeouts leave it open.
    private func fail(_ error: USBError, _ operation: String, on failed: any USBPrinterLink) async -> DeviceError {
        if error.code == .timeout { return .usbPrinter(error) }
        let gone = failed === link ? await isGone(failed, after: error) : true
        guard failed === link else {
            // The plug watch saw the printer go meanwhile.
            return .disconnected(.receiptPrinter, detail: "\(operation): \(error)")
        }
        if gone {
            lost(detail: "\(operation): \(error)")
            return .disconnected(.receiptPrinter, detail: "\(operation): \(error)")
        }
        closeLink()
        let deviceError = DeviceError.usbPrinter(error)
        lifecycle.failed(deviceError)
        broadcaster.send(.stateChanged(lifecycle.state))
        return deviceError
    }

    /// A transfer cut by the cable coming out often fails with an I/O error before the device
    /// has left the bus: ask the device itself (usbfs answers NO_DEVICE once it is gone) and the
    /// bus, a few times.
    private func isGone(_ link: any USBPrinterLink, after failure: USBError) async -> Bool {
        if failure.code == .noDevice { return true }
        for _ in 0..<5 {
            if !attachedIsOnBus() { return true }
            do {
                _ = try link.portStatus(timeout: .milliseconds(100))
                return false
            } catch where error.code == .noDevice {
                return true
            } catch {
                // An I/O error again, or a printer without GET_PORT_STATUS: look again shortly.
            }
            do { try await Task.sleep(for: .milliseconds(50)) } catch { break }
        }
        return !attachedIsOnBus()
    }

    private func attachedIsOnBus() -> Bool {
        guard case .success(let bus) = bus, let attached, let devices = try? bus.devices() else { return false }
        return devices.contains { $0.bus == attached.device.bus && $0.address == attached.device.address }
    }

    private func lost(detail: String) {
        closeLink()
        awaitingReplug = true
        lifecycle.disconnected()
        broadcaster.send(.disconnected)
        broadcaster.send(.stateChanged(.disconnected))
    }

    private func closeLink() {
        link?.close()
        link = nil
        attached = nil
        inbound = []
    }

    private func notFound(among devices: [USBDeviceDescription]) -> DeviceError {
        DeviceError(code: .notFound, summary: "No USB receipt printer found: the stand looked for \(criteria).",
                    action: "Check that the printer is plugged in and switched on; if it is, run lsusb and set its vendor and product id in the configuration.",
                    detail: devices.isEmpty ? "no USB devices on the bus" : "USB devices seen: \(devices.map(\.id).joined(separator: ", "))")
    }
}
