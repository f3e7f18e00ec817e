#if canImport(Glibc)
import Glibc
#endif
import Logging
import StandHardware
import Synchronization

/// The stand's position from gpsd, the GPS daemon, over its TCP JSON protocol: `open()` connects
/// (127.0.0.1:2947 by default), `enable()` sends `?WATCH` and starts a reader thread that turns
/// every TPV report with a 2D/3D fix into a `.locationFix` event and the `lastFix`. A fix older
/// than `staleFixAge` (by this machine's clock, not the receiver's) is no longer offered.
/// Lines that are not gpsd reports, or are too long, are logged and skipped. gpsd closing the
/// connection makes the source `.disconnected`, so the supervisor closes and reopens it.
public actor GPSDLocationSource: LocationSource {
    /// Where gpsd listens and how old a fix may get.
    public struct Settings: Hashable, Sendable {
        /// An IPv4 address; "localhost" means 127.0.0.1.
        public var host: String
        public var port: Int
        public var connectTimeout: Duration
        /// A fix received longer ago than this is not `lastFix` any more.
        public var staleFixAge: Duration
        /// A line from gpsd longer than this (in bytes) is dropped; gpsd's reports are a few KiB.
        public var maximumLineBytes: Int
        /// How long one wait of the reader thread lasts; bounds how quickly `close()` returns.
        public var pollMilliseconds: Int32

        public init(host: String = "127.0.0.1", port: Int = 2947, connectTimeout: Duration = .seconds(3),
                    staleFixAge: Duration = .seconds(30), maximumLineBytes: Int = 16_384, pollMilliseconds: Int32 = 100) {
            self.host = host
            self.port = port
            self.connectTimeout = connectTimeout
            self.staleFixAge = staleFixAge
            self.maximumLineBytes = maximumLineBytes
            self.pollMilliseconds = pollMilliseconds
        }
    }

    private struct ReceivedFix {
        let fix: LocationFix
        let at: ContinuousClock.Instant
    }

    /// What the actor and the reader thread share.
    private struct Link {
        var lifecycle = DeviceLifecycle()
        var connection: GPSDConnection?
        var lastFix: ReceivedFix?
    }

    public nonisolated let identity: DeviceIdentity
    public nonisolated let capabilities = DeviceCapabilities.none
    private nonisolated let settings: Settings
    private nonisolated let address: String
    private nonisolated let link = Mutex(Link())
    private nonisolated let broadcaster = DeviceEventBroadcaster()
    private nonisolated let logger: Logger
    private nonisolated let now: @Sendable () -> ContinuousClock.Instant
    private var reader: InputReaderThread?

    /// `now` is the clock that ages fixes (injected by tests).
    public init(settings: Settings, logger: Logger = Logger(label: "stand.location.gpsd"),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.settings = settings
        self.logger = logger
        self.now = now
        address = "\(settings.host):\(settings.port)"
        identity = DeviceIdentity(kind: .locationSource, model: "gpsd", connection: .tcp(host: settings.host, port: settings.port))
    }

    public var state: DeviceState { link.withLock { $0.lifecycle.state } }

    public nonisolated func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    /// The latest fix since `enable()`, unless it arrived more than `staleFixAge` ago.
    public var lastFix: LocationFix? {
        let instant = now()
        let maximumAge = settings.staleFixAge
        return link.withLock { value in
            guard let received = value.lastFix, instant - received.at <= maximumAge else { return nil }
            return received.fix
        }
    }

    /// Connects to gpsd (again, after a disconnect).
    public func open() async throws(DeviceError) {
        var check = link.withLock { $0.lifecycle }
        try check.opened()
        await stopReader()
        link.withLock { value in
            value.connection?.close()
            value.connection = nil
        }
        let target = try socketAddress()
        let connection: GPSDConnection
        do {
            connection = try await GPSDConnection.connect(to: target, address: address, timeout: settings.connectTimeout)
        } catch {
            throw connectError(error)
        }
        try link.withLock { (value: inout Link) throws(DeviceError) in
            do throws(DeviceError) { try value.lifecycle.opened() } catch {
                connection.close()
                throw error
            }
            value.connection = connection
        }
        logger.debug("gpsd connected", metadata: ["gpsd.address": "\(address)"])
        broadcaster.send(.stateChanged(.opened))
    }

    /// gpsd serves every client; there is nothing to take exclusively.
    public func claim() async throws(DeviceError) {
        try link.withLock { (value: inout Link) throws(DeviceError) in try value.lifecycle.claimed() }
        broadcaster.send(.stateChanged(.claimed))
    }

    /// Asks gpsd for reports and starts reading them.
    public func enable() async throws(DeviceError) {
        let connection = try link.withLock { (value: inout Link) throws(DeviceError) -> GPSDConnection in
            guard value.lifecycle.state == .claimed, let connection = value.connection else {
                throw .wrongState(value.lifecycle.state, "enable")
            }
            return connection
        }
        do {
            try await connection.send(GPSDReport.watchCommand, timeout: settings.connectTimeout)
        } catch {
            lost(connection, detail: error.description)
            throw DeviceError(code: .disconnected, summary: "gpsd at \(address) closed the connection, so the stand has no GPS position.",
                              action: "The stand reconnects by itself; if this keeps happening, check 'systemctl status gpsd'.",
                              detail: "sending ?WATCH: \(error)")
        }
        try link.withLock { (value: inout Link) throws(DeviceError) in
            try value.lifecycle.enabled()
            value.lastFix = nil
        }
        reader = InputReaderThread(name: "gpsd \(address)") { [weak self] shouldStop in
            self?.readLoop(connection, shouldStop: shouldStop)
        }
        broadcaster.send(.stateChanged(.enabled))
    }

    public func close() async {
        await stopReader()
        let changed = link.withLock { value -> Bool in
            value.connection?.close()
            value.connection = nil
            defer { value.lifecycle.closed() }
            return value.lifecycle.state != .closed
        }
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    private func stopReader() async {
        let running = reader
        reader = nil
        await running?.stop()
    }

    // MARK: - Reader thread

    /// Reads reports until told to stop or gpsd goes away.
    private nonisolated func readLoop(_ connection: GPSDConnection, shouldStop: () -> Bool) {
        var lines = GPSDLineBuffer(limit: settings.maximumLineBytes)
        while !shouldStop() {
            let bytes: [UInt8]
            do throws(SystemCallError) {
                let ready = try connection.wait(milliseconds: settings.pollMilliseconds)
                if ready == 0 { continue }
                bytes = try connection.receive(upTo: 4096)
            } catch where error.errno == EAGAIN {
                continue
            } catch {
                return lost(connection, detail: error.description)
            }
            if bytes.isEmpty { return lost(connection, detail: "gpsd at \(address) closed the connection") }
            for piece in lines.append(bytes) {
                switch piece {
                case .line(let line):
                    handle(line)
                case .overlong(let count):
                    logger.warning("gpsd line too long, skipped",
                                   metadata: ["gpsd.line.bytes": "\(count)", "gpsd.line.limit": "\(settings.maximumLineBytes)"])
                }
            }
        }
    }

    private nonisolated func handle(_ line: String) {
        let report: GPSDReport
        do {
            report = try GPSDReport(parsing: line)
        } catch {
            logger.warning("gpsd line skipped", metadata: ["gpsd.problem": "\(error.problem)", "gpsd.line": "\(line.prefix(80))"])
            return
        }
        switch report {
        case .version(let release):
            logger.info("gpsd answered", metadata: ["gpsd.address": "\(address)", "gpsd.release": "\(release)"])
        case .position(let fix?):
            let received = ReceivedFix(fix: fix, at: now())
            link.withLock { $0.lastFix = received }
            broadcaster.send(.locationFix(fix))
        case .position(nil):
            break
        case .error(let message):
            logger.warning("gpsd reported an error", metadata: ["gpsd.message": "\(message)"])
        case .other:
            break
        }
    }

    /// gpsd went away: the connection is closed and the source disconnected, once.
    private nonisolated func lost(_ connection: GPSDConnection, detail: String) {
        connection.close()
        let current = link.withLock { value -> Bool in
            guard value.connection === connection else { return false }
            value.connection = nil
            value.lifecycle.disconnected()
            return true
        }
        guard current else { return }
        logger.warning("gpsd connection lost", metadata: ["gpsd.address": "\(address)", "detail": "\(detail)"])
        broadcaster.send(.disconnected)
        broadcaster.send(.stateChanged(.disconnected))
    }

    // MARK: - Addresses and errors

    private func socketAddress() throws(DeviceError) -> sockaddr_in {
        guard (1...65_535).contains(settings.port) else {
            throw .invalidInput(.locationSource, "the gpsd port \(settings.port) (a number from 1 to 65535, usually 2947)")
        }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(settings.port).bigEndian)
        let host = settings.host == "localhost" ? "127.0.0.1" : settings.host
        guard inet_pton(AF_INET, host, &target.sin_addr) == 1 else {
            throw .invalidInput(.locationSource, "the gpsd address \(settings.host) (an IPv4 address like 127.0.0.1)")
        }
        return target
    }

    private var isLocal: Bool { settings.host == "localhost" || settings.host.hasPrefix("127.") }

    private func connectError(_ failure: GPSDConnection.ConnectFailure) -> DeviceError {
        switch failure {
        case .refused(let error):
            let action = isLocal
                ? "Check it with 'systemctl status gpsd' and start it with 'sudo systemctl start gpsd'; the stand connects by itself once it runs."
                : "Check that gpsd runs on \(settings.host) and listens on the network (gpsd -G), and that the address in the settings is right."
            return DeviceError(code: .notFound, summary: "gpsd is not running on \(address), so the stand has no GPS position.",
                               action: action, detail: error.description)
        case .unreachable(let error):
            return DeviceError(code: .notFound, summary: "gpsd at \(address) cannot be reached, so the stand has no GPS position.",
                               action: "Check the network and the gpsd address in the settings.", detail: error.description)
        case .timedOut:
            return .timeout(.locationSource, "connecting to gpsd", detail: "\(address) did not answer within \(settings.connectTimeout)")
        }
    }
}
