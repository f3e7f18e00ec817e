#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// A receipt printer on the network, raw TCP ("port 9100", JetDirect): the job's ESC/POS bytes go
/// down the socket as they are; DLE EOT 1…4 read the status back before each job (a printer out of
/// paper or with its cover open refuses it) and after it (the job went through). Every wait has a
/// timeout. A connection that drops makes the printer `.disconnected`; `open()` connects again.
public actor NetworkReceiptPrinter: ReceiptPrinter {
    /// Where the printer is and how long to wait for it.
    public struct Settings: Hashable, Sendable {
        /// An IPv4 address ("192.168.1.87"); "localhost" means 127.0.0.1.
        public var host: String
        public var port: Int
        public var connectTimeout: Duration
        /// How long the printer may stop taking data before a job fails.
        public var writeTimeout: Duration
        /// How long to wait for each status byte.
        public var statusTimeout: Duration
        public var paperWidth: PaperWidth

        public init(host: String, port: Int = 9100, connectTimeout: Duration = .seconds(3), writeTimeout: Duration = .seconds(10),
                    statusTimeout: Duration = .seconds(2), paperWidth: PaperWidth = .mm80) {
            self.host = host
            self.port = port
            self.connectTimeout = connectTimeout
            self.writeTimeout = writeTimeout
            self.statusTimeout = statusTimeout
            self.paperWidth = paperWidth
        }
    }

    public nonisolated let identity: DeviceIdentity
    public nonisolated let capabilities: DeviceCapabilities
    private let settings: Settings
    private let address: String
    private let broadcaster = DeviceEventBroadcaster()
    private var lifecycle = DeviceLifecycle()
    /// One job or status request at a time: a drawer kick never lands inside a receipt.
    private let gate = PrinterJobGate()
    private var channel: PrinterChannel?

    public init(settings: Settings) {
        self.settings = settings
        address = "\(settings.host):\(settings.port)"
        identity = DeviceIdentity(kind: .receiptPrinter, model: "ESC/POS network printer",
                                  connection: .tcp(host: settings.host, port: settings.port))
        capabilities = DeviceCapabilities(paperWidth: settings.paperWidth, hasCutter: true, printsQRCodes: true, reportsStatus: true,
                                          kicksDrawer: true)
    }

    public var state: DeviceState { lifecycle.state }

    public nonisolated func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    /// Connects (again, after a disconnect).
    public func open() async throws(DeviceError) {
        var next = lifecycle
        try next.opened()
        channel?.close()
        channel = try await connect()
        lifecycle = next
        broadcaster.send(.stateChanged(.opened))
    }

    public func claim() async throws(DeviceError) {
        try lifecycle.claimed()
        broadcaster.send(.stateChanged(.claimed))
    }

    public func enable() async throws(DeviceError) {
        try lifecycle.enabled()
        broadcaster.send(.stateChanged(.enabled))
    }

    public func close() async {
        channel?.close()
        channel = nil
        let changed = lifecycle.state != .closed
        lifecycle.closed()
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    public func status() async throws(DeviceError) -> PrinterStatus {
        await gate.enter()
        defer { gate.leave() }
        guard lifecycle.state == .enabled else { throw .wrongState(lifecycle.state, "report its status") }
        return try await readStatus()
    }

    /// Refuses the job when the printer reports paper out or cover open, sends it, then checks the
    /// printer is still ready (it took the whole receipt).
    public func print(_ job: [UInt8]) async throws(DeviceError) {
        await gate.enter()
        defer { gate.leave() }
        guard lifecycle.state == .enabled, let channel else { throw .wrongState(lifecycle.state, "print") }
        do { try refuseUnlessReady(try await readStatus()) } catch { throw error.beforeStarting() }
        do {
            try await channel.write(job, timeout: Self.milliseconds(settings.writeTimeout))
        } catch {
            throw fail(error, "print")
        }
        try refuseUnlessReady(try await readStatus())
    }

    private func refuseUnlessReady(_ status: PrinterStatus) throws(DeviceError) {
        if status.paper == .out { throw .paperOut }
        if status.coverOpen { throw .coverOpen }
    }

    private func readStatus() async throws(DeviceError) -> PrinterStatus {
        guard let channel else { throw .wrongState(lifecycle.state, "report its status") }
        let answers: [UInt8]?
        do { answers = try await channel.askStatus(timeout: Self.milliseconds(settings.statusTimeout)) } catch { throw fail(error, "status") }
        guard let bytes = answers else {
            throw .timeout(.receiptPrinter, "status", detail: "no DLE EOT answer from \(address) within \(settings.statusTimeout)")
        }
        do {
            return try PrinterStatusParser.status(printer: bytes[0], offlineCause: bytes[1], errorCause: bytes[2], paperSensor: bytes[3])
        } catch {
            throw .protocolViolation(.receiptPrinter, detail: "status bytes \(bytes) from \(address): \(error)")
        }
    }

    /// A failed transfer: a lost connection closes it and marks the printer disconnected.
    private func fail(_ failure: PrinterTransportFailure, _ operation: String) -> DeviceError {
        if case .timedOut = failure { return .timeout(.receiptPrinter, operation, detail: failure.detail) }
        channel?.close()
        channel = nil
        if failure.meansDisconnected {
            lifecycle.disconnected()
            broadcaster.send(.disconnected)
            broadcaster.send(.stateChanged(.disconnected))
            return .disconnected(.receiptPrinter, detail: "\(operation): \(failure.detail)")
        }
        let error = DeviceError.io(.receiptPrinter, detail: "\(operation): \(failure.detail)")
        lifecycle.failed(error)
        broadcaster.send(.stateChanged(lifecycle.state))
        return error
    }

    private func unreachable(_ detail: String) -> DeviceError {
        DeviceError(code: .notFound, summary: "The receipt printer at \(address) cannot be reached.",
                    action: "Check the printer is on and its network cable is in, and that the address in the settings is right.",
                    detail: detail)
    }

    private func connect() async throws(DeviceError) -> PrinterChannel {
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        guard (1...65_535).contains(settings.port) else { throw .invalidInput(.receiptPrinter, "the port \(settings.port)") }
        target.sin_port = in_port_t(UInt16(settings.port).bigEndian)
        let host = settings.host == "localhost" ? "127.0.0.1" : settings.host
        guard inet_pton(AF_INET, host, &target.sin_addr) == 1 else {
            throw .invalidInput(.receiptPrinter, "the printer address \(settings.host) (an IPv4 address like 192.168.1.87)")
        }
        let fd: Int32
        do {
            fd = try Syscalls.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                                     path: address)
        } catch {
            throw .io(.receiptPrinter, detail: error.description)
        }
        let channel = PrinterChannel(adopting: fd, path: address, isSocket: true)
        var inProgress = false
        do throws(SystemCallError) {
            try Syscalls.setsockopt(fd, path: address, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            try withUnsafePointer(to: &target) { pointer throws(SystemCallError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemCallError) in
                    try Syscalls.connect(fd, path: self.address, address, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } catch where error.errno == EINPROGRESS {
            inProgress = true
        } catch {
            channel.close()
            throw unreachable(error.description)
        }
        guard inProgress else { return channel }
        let ready: Int16
        do { ready = try await channel.wait(for: Int16(POLLOUT), timeout: Self.milliseconds(settings.connectTimeout)) } catch {
            channel.close()
            throw unreachable(error.detail)
        }
        guard ready != 0 else {
            channel.close()
            throw .timeout(.receiptPrinter, "connect", detail: "\(address) did not answer within \(settings.connectTimeout)")
        }
        do throws(SystemCallError) {
            let code = try Syscalls.socketError(fd, path: address)
            if code != 0 { throw SystemCallError(call: "connect", path: address, errno: code) }
        } catch {
            channel.close()
            throw unreachable(error.description)
        }
        return channel
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
