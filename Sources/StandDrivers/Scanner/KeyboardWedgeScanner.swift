#if canImport(Glibc)
import Glibc
#endif
import Logging
import StandHardware
import Synchronization

/// A barcode scanner that presents itself as a USB keyboard ("keyboard wedge"), read through
/// Linux evdev: the `/dev/input/…` file is opened non-blocking, grabbed exclusively on claim
/// (so the codes are not typed into the console as well) and read on its own thread while
/// enabled. Each code typed up to Enter becomes one `.codeScanned`, the same code within the
/// debounce window once. An unplugged scanner (ENODEV, EIO, end of file) becomes `.disconnected`.
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

    private struct Connection {
        var lifecycle = DeviceLifecycle()
        var file: InputDeviceFile?
        var reader: InputReaderThread?
        var debouncer: ScanDebouncer
    }

    public let identity: DeviceIdentity
    public let capabilities = DeviceCapabilities.none
    private let settings: Settings
    private let now: @Sendable () -> ContinuousClock.Instant
    private let connection: Mutex<Connection>
    private let broadcaster = DeviceEventBroadcaster()
    private let logger = Logger(label: "stand.scanner.wedge")

    public convenience init(settings: Settings) {
        self.init(settings: settings, model: "keyboard-wedge scanner")
    }

    /// `now` is the debouncer's clock (injected by tests).
    init(settings: Settings, model: String, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.settings = settings
        self.now = now
        identity = DeviceIdentity(kind: .scanner, model: model, connection: .file(path: settings.path))
        connection = Mutex(Connection(debouncer: ScanDebouncer(window: settings.debounce)))
    }

    public var state: DeviceState { connection.withLock { $0.lifecycle.state } }

    public func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    public func open() async throws(DeviceError) {
        let path = settings.path
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            var lifecycle = value.lifecycle
            try lifecycle.opened()
            do throws(SystemCallError) { value.file = try InputDeviceFile(path: path) } catch {
                throw Self.openError(error)
            }
            value.lifecycle = lifecycle
        }
        broadcaster.send(.stateChanged(.opened))
    }

    public func claim() async throws(DeviceError) {
        let grabs = settings.grabsExclusively
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            guard value.lifecycle.state == .opened, let file = value.file else { throw .wrongState(value.lifecycle.state, "claim") }
            if grabs {
                do throws(SystemCallError) {
                    try file.grab(true)
                    try file.useMonotonicClock()
                } catch {
                    throw Self.grabError(error)
                }
            }
            try value.lifecycle.claimed()
        }
        broadcaster.send(.stateChanged(.claimed))
    }

    public func enable() async throws(DeviceError) {
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            guard value.lifecycle.state == .claimed, let file = value.file else { throw .wrongState(value.lifecycle.state, "enable") }
            try value.lifecycle.enabled()
            value.reader = InputReaderThread(name: "wedge \(file.path)") { [weak self] shouldStop in
                self?.readLoop(file, shouldStop: shouldStop)
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
            value.file?.close()
            value.file = nil
            defer { value.lifecycle.closed() }
            return value.lifecycle.state != .closed
        }
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    /// Reads and assembles codes until told to stop or the device goes away.
    private func readLoop(_ file: InputDeviceFile, shouldStop: () -> Bool) {
        var records = InputEventDecoder()
        var typing = KeyboardWedgeTyping(terminators: settings.terminators, characterGap: settings.characterGap)
        while !shouldStop() {
            do throws(SystemCallError) {
                let ready = try file.wait(milliseconds: settings.pollMilliseconds)
                if ready == 0 { continue }
                if ready & Int16(POLLIN) == 0 {
                    return lost(file, detail: "poll on \(file.path) reported revents \(ready)")
                }
                let bytes = try file.read(upTo: InputEvent.byteCount * 64)
                if bytes.isEmpty { return lost(file, detail: "read on \(file.path) reached the end of the input") }
                for event in records.decode(bytes) {
                    guard let payload = typing.accept(event) else { continue }
                    scanned(payload)
                }
            } catch where error.errno == EAGAIN {
                continue
            } catch where error.meansDisconnected {
                return lost(file, detail: error.description)
            } catch {
                let failure = DeviceError.io(.scanner, detail: error.description)
                logger.error("keyboard-wedge scanner failed", metadata: ["scanner.path": "\(file.path)", "detail": "\(error)"])
                file.close()
                connection.withLock { value in
                    guard value.file === file else { return }
                    value.file = nil
                    value.lifecycle.failed(failure)
                }
                broadcaster.send(.stateChanged(.failed(failure)))
                return
            }
        }
    }

    private func scanned(_ payload: String) {
        let code = ScannedCode(symbology: settings.symbology ?? KeyboardWedgeTyping.symbology(of: payload), payload: payload)
        let instant = now()
        let fresh = connection.withLock { $0.debouncer.accept([code], at: instant) }
        for code in fresh { broadcaster.send(.codeScanned(code)) }
    }

    private func lost(_ file: InputDeviceFile, detail: String) {
        logger.warning("keyboard-wedge scanner disconnected", metadata: ["scanner.path": "\(file.path)", "detail": "\(detail)"])
        file.close()
        let current = connection.withLock { value -> Bool in
            guard value.file === file else { return false }
            value.file = nil
            value.lifecycle.disconnected()
            return true
        }
        guard current else { return }
        broadcaster.send(.disconnected)
        broadcaster.send(.stateChanged(.disconnected))
    }

    static func openError(_ error: SystemCallError) -> DeviceError {
        let path = error.path
        switch error.errno {
        case ENOENT, ENODEV, ENXIO:
            return DeviceError(code: .notFound, summary: "\(path) does not exist: is the scanner plugged in?",
                               action: "Plug it in, or find it with `ls /dev/input/by-id/` and name its …-event-kbd file in the scanner's configuration.",
                               detail: error.description)
        case EACCES, EPERM:
            return .permissionDenied(.scanner, path: path,
                                     action: "Add the stand's user to the input group, or install systemd/udev/60-standkit.rules (keyboards then belong to the stand group), and restart the stand.",
                                     detail: error.description)
        default:
            return .io(.scanner, detail: error.description)
        }
    }

    static func grabError(_ error: SystemCallError) -> DeviceError {
        switch error.errno {
        case EBUSY:
            return DeviceError(code: .busy, summary: "Another program has taken the scanner at \(error.path) for itself.",
                               action: "Stop the other program (a second standd, a kiosk browser), then restart the stand.",
                               detail: error.description)
        case ENOTTY, EINVAL:
            return DeviceError(code: .unsupported, summary: "\(error.path) is not a keyboard input device, so the scanner cannot be taken exclusively.",
                               action: "Name the scanner's /dev/input/by-id/…-event-kbd file in the configuration.",
                               detail: error.description)
        default:
            return error.meansDisconnected ? .disconnected(.scanner, detail: error.description) : .io(.scanner, detail: error.description)
        }
    }
}
