import StandHardware
import Synchronization

/// A scanner fed with still images (files, or frames from elsewhere) and decoded by zbar.
/// Each code found is emitted as `.codeScanned`; the same code seen again within the
/// debounce window is one scan.
public final class ImageScanner: Scanner, Sendable {
    private struct Status {
        var lifecycle = DeviceLifecycle()
        var debouncer: ScanDebouncer
    }

    public let identity: DeviceIdentity
    public let capabilities = DeviceCapabilities.none
    private let decoder: ZBarDecoder
    private let now: @Sendable () -> ContinuousClock.Instant
    private let status: Mutex<Status>
    private let broadcaster = DeviceEventBroadcaster()

    /// `now` is the clock the debouncer reads (injected by tests).
    public init(name: String = "image scanner", decoder: ZBarDecoder, debounce: Duration = .seconds(1),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        identity = DeviceIdentity(kind: .scanner, model: "zbar image scanner", connection: .virtual(name: name))
        self.decoder = decoder
        self.now = now
        status = Mutex(Status(debouncer: ScanDebouncer(window: debounce)))
    }

    public var state: DeviceState { status.withLock { $0.lifecycle.state } }

    public func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    public func open() async throws(DeviceError) {
        try transition { lifecycle throws(DeviceError) in try lifecycle.opened() }
    }

    public func claim() async throws(DeviceError) {
        try transition { lifecycle throws(DeviceError) in try lifecycle.claimed() }
    }

    public func enable() async throws(DeviceError) {
        try transition { lifecycle throws(DeviceError) in try lifecycle.enabled() }
    }

    public func close() async {
        status.withLock { $0.lifecycle.closed() }
        broadcaster.send(.stateChanged(.closed))
    }

    /// Decodes one grayscale frame and emits the codes that are new scans; returns them.
    @discardableResult
    public func feed(gray: [UInt8], width: Int, height: Int) throws(DeviceError) -> [ScannedCode] {
        let state = self.state
        guard state == .enabled else { throw .wrongState(state, "scan an image") }
        let codes = decoder.decode(gray: gray, width: width, height: height)
        let instant = now()
        let fresh = status.withLock { $0.debouncer.accept(codes, at: instant) }
        for code in fresh { broadcaster.send(.codeScanned(code)) }
        return fresh
    }

    /// Reads a PNG, PGM or PBM file and feeds it as one frame.
    @discardableResult
    public func feed(file path: String) throws(DeviceError) -> [ScannedCode] {
        let image: GrayscaleImage
        do {
            image = try GrayscaleImage(contentsOf: path)
        } catch {
            throw DeviceError(code: .invalidInput, summary: "The scanner cannot use this picture.", action: error.description)
        }
        return try feed(gray: image.pixels, width: image.width, height: image.height)
    }

    private func transition(_ step: (inout DeviceLifecycle) throws(DeviceError) -> Void) throws(DeviceError) {
        let state = try status.withLock { (value: inout Status) throws(DeviceError) -> DeviceState in
            try step(&value.lifecycle)
            return value.lifecycle.state
        }
        broadcaster.send(.stateChanged(state))
    }
}
