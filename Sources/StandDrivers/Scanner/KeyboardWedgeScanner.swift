import Logging
import StandHardware
import Synchronization

/// A barcode scanner that presents itself as a USB keyboard ("keyboard wedge"), read through
/// Linux evdev (``EvdevDevice``: grabbed, so the codes are not typed into the console as well;
/// unplug → `.disconnected`). Each code typed up to Enter becomes one `.codeScanned`, the same
/// code within the debounce window once.
public final class KeyboardWedgeScanner: Scanner, Sendable {
    /// Where the scanner is and how to read what it types.
    public struct Settings: Hashable, Sendable {
        /// `/dev/input/by-id/usb-…-event-kbd` or `/dev/input/eventN`.
        public var path: String
        /// The symbology to report: a wedge types only the text, not what it read. nil reports
        /// EAN-13, EAN-8 and UPC-A numbers as such and anything else as a QR code.
        public var symbology: Symbology?
        /// The keys that end a code (Linux key codes): Enter and keypad Enter; add KEY_TAB (15)
        /// for scanners set to end with Tab.
        public var terminators: Set<UInt16>
        /// The same code typed again within this time is the same scan.
        public var debounce: Duration
        /// A pause between two keys longer than this drops what was typed before it.
        public var characterGap: Duration
        /// Take the device exclusively on claim (EVIOCGRAB). Only files that are not input
        /// devices (a FIFO in tests) are read without it.
        public var grabsExclusively: Bool
        /// How long one wait for input lasts; bounds how quickly `close()` returns.
        public var pollMilliseconds: Int32

        public init(path: String, symbology: Symbology? = nil, terminators: Set<UInt16> = [28, 96],
                    debounce: Duration = .seconds(1), characterGap: Duration = .milliseconds(500),
                    grabsExclusively: Bool = true, pollMilliseconds: Int32 = 100) {
            self.path = path
            self.symbology = symbology
            self.terminators = terminators
            self.debounce = debounce
            self.characterGap = characterGap
            self.grabsExclusively = grabsExclusively
            self.pollMilliseconds = pollMilliseconds
        }
    }

    public let identity: DeviceIdentity
    public let capabilities = DeviceCapabilities.none
    private let device: EvdevDevice

    public convenience init(settings: Settings) {
        self.init(settings: settings, model: "keyboard-wedge scanner")
    }

    /// `now` is the debouncer's clock (injected by tests).
    init(settings: Settings, model: String, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        identity = DeviceIdentity(kind: .scanner, model: model, connection: .file(path: settings.path))
        let events = DeviceEventBroadcaster()
        let debouncer = Mutex(ScanDebouncer(window: settings.debounce))
        device = EvdevDevice(.init(kind: .scanner, path: settings.path, grabsExclusively: settings.grabsExclusively,
                                   pollMilliseconds: settings.pollMilliseconds),
                             broadcaster: events, logger: Logger(label: "stand.scanner.wedge")) {
            var typing = KeyboardWedgeTyping(terminators: settings.terminators, characterGap: settings.characterGap)
            return { event in
                guard let payload = typing.accept(event) else { return }
                let code = ScannedCode(symbology: settings.symbology ?? KeyboardWedgeTyping.symbology(of: payload), payload: payload)
                let instant = now()
                for fresh in debouncer.withLock({ $0.accept([code], at: instant) }) { events.send(.codeScanned(fresh)) }
            }
        }
    }

    public var state: DeviceState { device.state }
    public func events() -> AsyncStream<DeviceEvent> { device.broadcaster.subscribe() }
    public func open() async throws(DeviceError) { try device.open() }
    public func claim() async throws(DeviceError) { try device.claim() }
    public func enable() async throws(DeviceError) { try device.enable() }
    public func close() async { await device.close() }
}
