import Logging
import StandHardware

/// Keeps the stand's devices running: starts each configured device (open → claim → enable),
/// restarts one that fails or is unplugged with exponential backoff, merges every device's
/// events into one stream and keeps a status per kind.
///
/// It degrades instead of stopping: a device that is missing or keeps failing is reported in
/// its status and retried, never fatal. `run()` supervises until its task is cancelled, then
/// closes every device and ends `events`.
public actor DeviceSupervisor {
    /// Every device event and status change, for one consumer (the appliance).
    public nonisolated let events: AsyncStream<SupervisorEvent>
    private let continuation: AsyncStream<SupervisorEvent>.Continuation
    private let devices: DeviceSet
    private let clock: any Clock<Duration>
    private let backoff: ReconnectBackoff
    private let logger: Logger
    private var statuses: [DeviceKind: DeviceStatus] = [:]
    private var inboxes: [DeviceKind: AsyncStream<Signal>.Continuation] = [:]

    /// What a device's supervision loop reacts to.
    private enum Signal: Sendable {
        /// An event of the device, from connection number `epoch`.
        case event(DeviceEvent, epoch: Int)
        /// The backoff of connection attempt `epoch` is over.
        case retry(epoch: Int)
        /// Someone else saw the device fail (a print or a drawer pulse threw): restart it.
        case failed(DeviceError)
        /// Try to connect now (the device was plugged back in).
        case reconnectNow
    }

    public init(devices: DeviceSet, clock: any Clock<Duration> = ContinuousClock(), backoff: ReconnectBackoff = ReconnectBackoff(),
                logger: Logger = Logger(label: "standkit.supervisor")) {
        self.devices = devices
        self.clock = clock
        self.backoff = backoff
        self.logger = logger
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1024))
        for kind in DeviceKind.allCases {
            let identity = devices.device(kind)?.identity
            statuses[kind] = DeviceStatus(kind: kind, identity: identity,
                                          condition: identity == nil ? .notConfigured : .unavailable("starting"))
        }
    }

    /// The status of every kind, configured or not, in `DeviceKind` order, with each device's
    /// lifecycle state read now.
    public func snapshot() async -> [DeviceStatus] {
        var snapshot: [DeviceStatus] = []
        for kind in DeviceKind.allCases { snapshot.append(await status(of: kind)) }
        return snapshot
    }

    /// The status of one kind, with the device's lifecycle state read now.
    public func status(of kind: DeviceKind) async -> DeviceStatus {
        let status = statuses[kind] ?? DeviceStatus(kind: kind, identity: nil, condition: .notConfigured)
        guard let device = devices.device(kind) else { return status }
        return status.with(state: await device.state)
    }

    /// Tells the supervisor that using the device failed; a lost connection makes it restart
    /// the device. Conditions the operator fixes (paper out, a jammed drawer) are left to the
    /// device's own status events, which also say when they are over.
    public func deviceFailed(_ kind: DeviceKind, _ error: DeviceError) {
        switch error.code {
        case .disconnected, .notFound, .io:
            inboxes[kind]?.yield(.failed(error))
        default:
            break
        }
    }

    /// Tries to connect a device now instead of waiting out its backoff.
    public func reconnectNow(_ kind: DeviceKind) {
        inboxes[kind]?.yield(.reconnectNow)
    }

    /// Supervises every configured device until cancelled; then closes them and ends `events`.
    public func run() async {
        var loops: [(DeviceKind, any Device, AsyncStream<Signal>)] = []
        for (kind, device) in devices.configured {
            let (inbox, inboxContinuation) = AsyncStream<Signal>.makeStream(bufferingPolicy: .bufferingNewest(1024))
            inboxes[kind] = inboxContinuation
            loops.append((kind, device, inbox))
        }
        for status in await snapshot() { continuation.yield(.status(status)) }
        await withTaskGroup(of: Void.self) { group in
            for (kind, device, inbox) in loops {
                group.addTask { await self.supervise(kind, device, inbox: inbox) }
            }
        }
        for inbox in inboxes.values { inbox.finish() }
        inboxes = [:]
        continuation.finish()
    }

    // MARK: - One device's loop

    private func supervise(_ kind: DeviceKind, _ device: any Device, inbox: AsyncStream<Signal>) async {
        var signals = inbox.makeAsyncIterator()
        var failures = 0
        var epoch = 0
        let metadata: Logger.Metadata = ["device": "\(device.identity)"]
        while !Task.isCancelled {
            epoch += 1
            let forwarder = forward(device, epoch: epoch, kind: kind)
            do {
                try await device.start()
            } catch {
                failures += 1
                let delay = backoff.delay(afterFailures: failures)
                logger.warning("device did not start", metadata: metadata.merging(
                    ["error": "\(error)", "failures": "\(failures)", "retry.in": "\(delay)"]) { $1 })
                update(kind, condition: .unavailable(Self.words(error)), failures: failures, error: error)
                await device.close()
                let timer = retry(after: delay, epoch: epoch, kind: kind)
                await waitForRetry(&signals, epoch: epoch)
                timer.cancel()
                forwarder.cancel()
                continue
            }
            if failures > 0 { logger.info("device reconnected", metadata: metadata.merging(["failures": "\(failures)"]) { $1 }) }
            else { logger.info("device started", metadata: metadata) }
            failures = 0
            await connected(kind, device)
            let lost = await watch(kind, &signals, epoch: epoch)
            forwarder.cancel()
            await device.close()
            guard let lost, !Task.isCancelled else { break }
            failures = 1
            let delay = backoff.delay(afterFailures: failures)
            logger.warning("device lost", metadata: metadata.merging(["error": "\(lost)", "retry.in": "\(delay)"]) { $1 })
            update(kind, condition: .unavailable(Self.words(lost)), failures: failures, error: lost)
            let forwarderWhileDown = forward(device, epoch: epoch, kind: kind)
            let timer = retry(after: delay, epoch: epoch, kind: kind)
            await waitForRetry(&signals, epoch: epoch)
            timer.cancel()
            forwarderWhileDown.cancel()
        }
        await device.close()
        update(kind, condition: .unavailable("stopped"))
    }

    /// The device started: read what it can tell about itself and mark it usable.
    private func connected(_ kind: DeviceKind, _ device: any Device) async {
        if let printer = device as? any ReceiptPrinter {
            do {
                let status = try await printer.status()
                update(kind, condition: Self.condition(of: status), error: status.blockingError)
                continuation.yield(.device(kind, .printerStatus(status)))
                return
            } catch {
                logger.notice("printer status unreadable after start", metadata: ["error": "\(error)"])
            }
        }
        update(kind, condition: .ready)
    }

    /// Forwards the device's events while it is connected; returns the error that ended the
    /// connection, or nil when cancelled.
    private func watch(_ kind: DeviceKind, _ signals: inout AsyncStream<Signal>.Iterator, epoch: Int) async -> DeviceError? {
        while let signal = await signals.next(isolation: self) {
            switch signal {
            case .event(let event, let from) where from == epoch:
                continuation.yield(.device(kind, event))
                switch event {
                case .disconnected, .stateChanged(.disconnected), .stateChanged(.closed):
                    return .disconnected(kind)
                case .stateChanged(.failed(let error)):
                    return error
                case .printerStatus(let status):
                    update(kind, condition: Self.condition(of: status), error: status.blockingError)
                case .reconnected, .stateChanged(.enabled):
                    if case .unavailable = statuses[kind]?.condition, kind != .receiptPrinter { update(kind, condition: .ready) }
                default:
                    break
                }
            case .failed(let error):
                return error
            case .event, .retry, .reconnectNow:
                continue
            }
        }
        return nil
    }

    /// Waits for the backoff of `epoch` to end, a `.reconnected` event, or `reconnectNow`.
    private func waitForRetry(_ signals: inout AsyncStream<Signal>.Iterator, epoch: Int) async {
        while let signal = await signals.next(isolation: self) {
            switch signal {
            case .retry(let from) where from == epoch: return
            case .reconnectNow, .event(.reconnected, _): return
            default: continue
            }
        }
    }

    private func forward(_ device: any Device, epoch: Int, kind: DeviceKind) -> Task<Void, Never> {
        let stream = device.events()
        let inbox = inboxes[kind]
        return Task {
            for await event in stream { inbox?.yield(.event(event, epoch: epoch)) }
        }
    }

    private func retry(after delay: Duration, epoch: Int, kind: DeviceKind) -> Task<Void, Never> {
        let inbox = inboxes[kind]
        let clock = clock
        return Task {
            do { try await clock.sleep(for: delay) } catch { return }
            inbox?.yield(.retry(epoch: epoch))
        }
    }

    private func update(_ kind: DeviceKind, condition: DeviceCondition, failures: Int = 0, error: DeviceError? = nil) {
        let status = DeviceStatus(kind: kind, identity: devices.device(kind)?.identity, condition: condition,
                                  failures: failures, error: error)
        guard statuses[kind] != status else { return }
        statuses[kind] = status
        continuation.yield(.status(status))
    }

    // MARK: - Words

    /// A printer's condition from its real-time status.
    static func condition(of status: PrinterStatus) -> DeviceCondition {
        if let error = status.blockingError { return .unavailable(words(error)) }
        return status.paper == .low ? .warning("paper low") : .ready
    }

    /// Short words for the display: "out of paper", "not connected".
    static func words(_ error: DeviceError) -> String {
        switch error.code {
        case .paperOut: "out of paper"
        case .coverOpen: "cover open"
        case .disconnected, .notFound: "not connected"
        case .jammed: "jammed"
        case .timeout: "not answering"
        case .busy: "in use by another program"
        default: error.summary
        }
    }
}
