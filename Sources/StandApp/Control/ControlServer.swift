import Foundation
import Logging
import Prometheus
import StandDrivers
import Synchronization

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
    private let state = Mutex<(stopping: Bool, listeners: [ListeningSocket])>((false, []))
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
        var listeners: [(socket: ListeningSocket, servesStatus: Bool)] = []
        do {
            listeners.append((try ListeningSocket.unix(path: socketPath, group: group), true))
            if let metricsAddress { listeners.append((try ListeningSocket.tcp(host: metricsAddress.host, port: metricsAddress.port), false)) }
        } catch {
            for listener in listeners { listener.socket.close() }
            throw ControlError(error)
        }
        state.withLock { $0.listeners = listeners.map(\.socket) }
        for (socket, servesStatus) in listeners {
            finished.enter()
            let thread = Thread { [self] in
                serve(socket, servesStatus: servesStatus)
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
        let listeners = state.withLock { state -> [ListeningSocket] in
            state.stopping = true
            defer { state.listeners = [] }
            return state.listeners
        }
        for listener in listeners { listener.shutdown() }
        finished.wait()
        for listener in listeners { listener.close() }
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func serve(_ listener: ListeningSocket, servesStatus: Bool) {
        while !isStopping {
            do {
                guard let connection = try listener.accept(waitingMilliseconds: 250) else { continue }
                answer(connection, servesStatus: servesStatus)
                connection.close()
            } catch {
                logger.warning("control socket accept failed", metadata: ["socket": "\(listener.name)", "error": "\(error)"])
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
    }

    /// Reads one request (for at most ``ioTimeoutSeconds``) and answers it; a client that sends
    /// nothing, or goes away, gets no answer.
    private func answer(_ connection: StreamConnection, servesStatus: Bool) {
        var request: [UInt8] = []
        var parsed = ControlHTTP.Parsed.incomplete
        let deadline = ContinuousClock.now + .seconds(Self.ioTimeoutSeconds)
        do {
            try connection.setTimeouts(seconds: Self.ioTimeoutSeconds)
            while parsed == .incomplete, ContinuousClock.now < deadline {
                let bytes = try connection.read(maxCount: 2048)
                guard !bytes.isEmpty else {
                    if !request.isEmpty { parsed = .refused(.text(400, "request ended before its blank line")) }
                    break
                }
                request += bytes
                parsed = ControlHTTP.parse(request)
            }
        } catch {
            return
        }
        let response: ControlHTTP.Response
        switch parsed {
        case .incomplete: return
        case .refused(let refusal): response = refusal
        case .get(let path): response = respond(to: path, servesStatus: servesStatus)
        }
        try? connection.writeAll(response.bytes)
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
