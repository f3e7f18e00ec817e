import Foundation
import Logging
import Prometheus
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The stand's local control socket: `GET /status` (``StandStatus`` as JSON) and `GET /metrics`
/// (Prometheus text format 0.0.4) over HTTP/1.1 on a unix socket that only the owner and its
/// group may use (mode 0660, given to `group`). Optionally the metrics alone on a loopback TCP
/// port for a local scraper.
///
/// Each listener has its own thread, off the cooperative pool: it accepts one connection at a
/// time, reads one request (at most 8 KiB, 2 s), answers and closes. Reading the status hops
/// to the appliance's actors.
public final class ControlServer: Sendable {
    public typealias StatusSource = @Sendable () async -> StandStatus

    public let socketPath: String
    private let group: String?
    private let metricsAddress: MetricsAddress?
    private let registry: PrometheusCollectorRegistry
    private let status: StatusSource
    private let logger: Logger
    private let state = Mutex<(stopping: Bool, listeners: [Int32], threads: Int)>((false, [], 0))
    private let finished = DispatchGroup()
    static let ioTimeoutSeconds = 2

    /// - Parameters:
    ///   - group: the group the socket is given to (`stand`); nil keeps the process's group.
    ///   - metricsAddress: a loopback address for `/metrics` over TCP; nil for none.
    ///   - registry: the Prometheus registry the stand's metrics are in (``StandMetrics/bootstrap()``).
    public init(socketPath: String, group: String?, metricsAddress: MetricsAddress? = nil,
                registry: PrometheusCollectorRegistry, logger: Logger, status: @escaping StatusSource) {
        self.socketPath = socketPath
        self.group = group
        self.metricsAddress = metricsAddress
        self.registry = registry
        self.logger = logger
        self.status = status
    }

    /// Opens the socket (replacing a stale one) and the TCP listener, and starts answering.
    public func start() throws(ControlError) {
        let unix = try ControlSocket.listenUnix(path: socketPath, group: group)
        var listeners = [(unix, true)]
        if let metricsAddress {
            do { listeners.append((try ControlSocket.listenTCP(metricsAddress), false)) } catch {
                ControlSocket.close(unix, removing: socketPath)
                throw error
            }
        }
        state.withLock { $0.listeners = listeners.map(\.0) }
        for (fd, servesStatus) in listeners {
            finished.enter()
            let thread = Thread { [self] in
                serve(fd, servesStatus: servesStatus)
                finished.leave()
            }
            thread.name = servesStatus ? "standd control" : "standd metrics"
            thread.start()
        }
        logger.notice("control socket open", metadata: ["socket": "\(socketPath)",
                                                        "metrics.listen": "\(metricsAddress.map { "\($0)" } ?? "off")"])
    }

    /// Stops answering, closes the listeners and removes the socket file. Returns once the
    /// listener threads have ended (an answer in progress is finished first).
    public func stop() {
        let listeners = state.withLock { state -> [Int32] in
            state.stopping = true
            defer { state.listeners = [] }
            return state.listeners
        }
        for fd in listeners { shutdown(fd, Int32(SHUT_RDWR)) }
        finished.wait()
        for (index, fd) in listeners.enumerated() { ControlSocket.close(fd, removing: index == 0 ? socketPath : nil) }
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func serve(_ listener: Int32, servesStatus: Bool) {
        while !isStopping {
            guard ControlSocket.waitReadable(listener, milliseconds: 250) else { continue }
            let connection = ControlSocket.accept(listener)
            guard connection >= 0 else { continue }
            answer(connection, servesStatus: servesStatus)
            Glibc.close(connection)
        }
    }

    private func answer(_ connection: Int32, servesStatus: Bool) {
        ControlSocket.setTimeouts(connection, seconds: Self.ioTimeoutSeconds)
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        var parsed = ControlHTTP.Parsed.incomplete
        let deadline = ContinuousClock.now + .seconds(Self.ioTimeoutSeconds)
        while parsed == .incomplete, ContinuousClock.now < deadline {
            let count = buffer.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            guard count > 0 else {
                if count == 0, !request.isEmpty { parsed = .refused(.text(400, "request ended before its blank line")) }
                break
            }
            request += buffer[..<count]
            parsed = ControlHTTP.parse(request)
        }
        let response: ControlHTTP.Response
        switch parsed {
        case .incomplete: return
        case .refused(let refusal): response = refusal
        case .get(let path): response = respond(to: path, servesStatus: servesStatus)
        }
        ControlSocket.writeAll(connection, response.bytes)
    }

    private func respond(to path: String, servesStatus: Bool) -> ControlHTTP.Response {
        switch path {
        case "/status" where servesStatus:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                return ControlHTTP.Response(status: 200, contentType: "application/json",
                                            body: Array(try encoder.encode(readStatus())) + [10])
            } catch {
                logger.error("status not encodable", metadata: ["error": "\(error)"])
                return .text(500, "status not encodable: \(error)")
            }
        case "/metrics":
            StandMetrics.record(readStatus(), factory: StandMetrics.factory(registry: registry))
            return ControlHTTP.Response(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                                        body: registry.emitToBuffer())
        default:
            return .text(404, servesStatus ? "not found: ask for /status or /metrics" : "not found: ask for /metrics")
        }
    }

    /// Waits on this (non-pool) thread for the status the appliance's actors give.
    private func readStatus() -> StandStatus {
        let answer = StatusBox()
        let source = status
        Task {
            answer.value = await source()
            answer.done.signal()
        }
        answer.done.wait()
        return answer.value!
    }
}

/// Hands the status from its task to the waiting listener thread; the semaphore orders the
/// write before the read.
private final class StatusBox: @unchecked Sendable {
    var value: StandStatus?
    let done = DispatchSemaphore(value: 0)
}
