#if canImport(Glibc)
import Glibc
#endif
import Logging
import StandHardware
import Synchronization

/// A camera pointed at the counter, read through zbar's V4L2 video API: open probes
/// `/dev/videoN`, claim fixes the pixel format, enable starts capture and a reader thread that
/// converts each frame to grayscale and decodes it with `ZBarDecoder`. Each code is emitted as
/// `.codeScanned`, a code held in view for many frames once (`ScanDebouncer`). A camera that
/// goes away while capturing becomes `.disconnected`, so the supervisor reopens it.
public final class CameraScanner: Scanner, Sendable {
    /// Which camera, in which format, for which codes.
    public struct Settings: Hashable, Sendable {
        /// `/dev/video0`, or a stable `/dev/v4l/by-id/…-video-index0` link.
        public var path: String
        /// The pixel format the camera is asked for (zbar never negotiates one; see `FrameFormat`).
        public var format: FrameFormat
        public var symbologies: Set<Symbology>
        /// The same code seen again within this time is the same scan.
        public var debounce: Duration
        /// How long one wait for a frame lasts; bounds how quickly `close()` returns.
        public var pollMilliseconds: Int32

        public init(path: String = "/dev/video0", format: FrameFormat = .yuyv,
                    symbologies: Set<Symbology> = Set(Symbology.allCases), debounce: Duration = .seconds(1),
                    pollMilliseconds: Int32 = 100) {
            self.path = path
            self.format = format
            self.symbologies = symbologies
            self.debounce = debounce
            self.pollMilliseconds = pollMilliseconds
        }
    }

    private struct Connection {
        var lifecycle = DeviceLifecycle()
        var source: (any FrameSource)?
        var reader: InputReaderThread?
        var decoder: ZBarDecoder?
        var debouncer: ScanDebouncer
    }

    public let identity: DeviceIdentity
    public let capabilities = DeviceCapabilities.none
    private let settings: Settings
    private let openSource: @Sendable (Settings) throws(DeviceError) -> any FrameSource
    private let makeDecoder: @Sendable (Set<Symbology>) throws(ZBarDecoderError) -> ZBarDecoder
    private let now: @Sendable () -> ContinuousClock.Instant
    private let connection: Mutex<Connection>
    private let broadcaster = DeviceEventBroadcaster()
    private let logger = Logger(label: "stand.scanner.camera")

    public convenience init(settings: Settings) {
        self.init(settings: settings) { (settings: Settings) throws(DeviceError) -> any FrameSource in
            try CameraVideoSource(path: settings.path, format: settings.format)
        }
    }

    /// `openSource` opens the frames (the camera, or a test's); `makeDecoder` sets up zbar (a
    /// test's may fail as a stand without libzbar does); `now` is the debouncer's clock.
    init(settings: Settings, model: String = "V4L2 camera",
         openSource: @escaping @Sendable (Settings) throws(DeviceError) -> any FrameSource,
         makeDecoder: @escaping @Sendable (Set<Symbology>) throws(ZBarDecoderError) -> ZBarDecoder = { symbologies throws(ZBarDecoderError) in
             try ZBarDecoder(symbologies: symbologies)
         },
         now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.settings = settings
        self.openSource = openSource
        self.makeDecoder = makeDecoder
        self.now = now
        identity = DeviceIdentity(kind: .scanner, model: model, connection: .file(path: settings.path))
        connection = Mutex(Connection(debouncer: ScanDebouncer(window: settings.debounce)))
    }

    public var state: DeviceState { connection.withLock { $0.lifecycle.state } }

    public func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    public func open() async throws(DeviceError) {
        let settings = self.settings
        let openSource = self.openSource, makeDecoder = self.makeDecoder
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            var lifecycle = value.lifecycle
            try lifecycle.opened()
            if value.decoder == nil {
                do throws(ZBarDecoderError) { value.decoder = try makeDecoder(settings.symbologies) } catch {
                    if case let .libraryUnavailable(missing) = error { throw missing.deviceError }
                    throw .io(.scanner, detail: error.description)
                }
            }
            value.source = try openSource(settings)
            value.lifecycle = lifecycle
        }
        broadcaster.send(.stateChanged(.opened))
    }

    public func claim() async throws(DeviceError) {
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            guard value.lifecycle.state == .opened, let source = value.source else { throw .wrongState(value.lifecycle.state, "claim") }
            try source.configure()
            try value.lifecycle.claimed()
        }
        broadcaster.send(.stateChanged(.claimed))
    }

    public func enable() async throws(DeviceError) {
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            guard value.lifecycle.state == .claimed, let source = value.source, let decoder = value.decoder else {
                throw .wrongState(value.lifecycle.state, "enable")
            }
            try source.start()
            try value.lifecycle.enabled()
            value.reader = InputReaderThread(name: "camera \(settings.path)") { [weak self] shouldStop in
                self?.readLoop(source, decoder: decoder, shouldStop: shouldStop)
            }
        }
        broadcaster.send(.stateChanged(.enabled))
    }

    public func close() async {
        let reader = connection.withLock { value in
            defer { value.reader = nil }
            return value.reader
        }
        await reader?.stop()
        let changed = connection.withLock { value -> Bool in
            value.source?.close()
            value.source = nil
            defer { value.lifecycle.closed() }
            return value.lifecycle.state != .closed
        }
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    /// Decodes frames until told to stop or the camera goes away.
    private func readLoop(_ source: any FrameSource, decoder: ZBarDecoder, shouldStop: () -> Bool) {
        var reportedBrokenFrame = false
        while !shouldStop() {
            let frame: Frame?
            do throws(DeviceError) {
                frame = try source.nextFrame(waitingMilliseconds: settings.pollMilliseconds)
            } catch {
                return stopped(source, error)
            }
            guard let frame else { continue }
            guard let gray = frame.luminance(with: decoder.zbar) else {
                if !reportedBrokenFrame {
                    logger.warning("camera frame cannot be converted to grayscale; skipping such frames", metadata: [
                        "camera.path": "\(settings.path)", "frame.format": "\(frame.format.rawValue)",
                        "frame.size": "\(frame.width)x\(frame.height)", "frame.bytes": "\(frame.bytes.count)",
                    ])
                    reportedBrokenFrame = true
                }
                continue
            }
            let codes = decoder.decode(gray: gray, width: frame.width, height: frame.height)
            let instant = now()
            let fresh = connection.withLock { $0.debouncer.accept(codes, at: instant) }
            for code in fresh { broadcaster.send(.codeScanned(code)) }
        }
    }

    /// The camera failed while capturing: gone (`.disconnected`) or broken (`.failed`).
    private func stopped(_ source: any FrameSource, _ error: DeviceError) {
        source.close()
        let lost = error.code == .disconnected
        if lost {
            logger.warning("camera disconnected", metadata: ["camera.path": "\(settings.path)", "detail": "\(error.detail ?? "")"])
        } else {
            logger.error("camera failed", metadata: ["camera.path": "\(settings.path)", "detail": "\(error)"])
        }
        let current = connection.withLock { value -> Bool in
            guard value.source === source else { return false }
            value.source = nil
            if lost { value.lifecycle.disconnected() } else { value.lifecycle.failed(error) }
            return true
        }
        guard current else { return }
        if lost {
            broadcaster.send(.disconnected)
            broadcaster.send(.stateChanged(.disconnected))
        } else {
            broadcaster.send(.stateChanged(.failed(error)))
        }
    }
}
