#if canImport(Glibc)
import Glibc
#endif
import Logging
import StandHardware
import Synchronization

/// A USB numeric keypad (or any keyboard) read through Linux evdev: the `/dev/input/…` file is
/// opened non-blocking, grabbed exclusively on claim so its keys reach nobody else, and read on
/// its own thread while enabled. Grabbed devices are switched to the monotonic clock, so key
/// timestamps do not jump with the wall clock. Presses become `.keyPressed` through the keymap; an unplugged
/// device (ENODEV, EIO, end of file) becomes `.disconnected` so the supervisor reconnects.
public final class EvdevKeypad: Keypad, Sendable {
    /// Where the keypad is and how to read it.
    public struct Settings: Hashable, Sendable {
        /// `/dev/input/by-id/usb-…-event-kbd` or `/dev/input/eventN`.
        public var path: String
        public var keymap: Keymap
        /// Take the device exclusively on claim (EVIOCGRAB). Only files that are not input
        /// devices (a FIFO in tests) are read without it.
        public var grabsExclusively: Bool
        /// How long one wait for input lasts; bounds how quickly `close()` returns.
        public var pollMilliseconds: Int32

        public init(path: String, keymap: Keymap = .usbNumericKeypad, grabsExclusively: Bool = true,
                    pollMilliseconds: Int32 = 100) {
            self.path = path
            self.keymap = keymap
            self.grabsExclusively = grabsExclusively
            self.pollMilliseconds = pollMilliseconds
        }
    }

    private struct Connection {
        var lifecycle = DeviceLifecycle()
        var file: InputDeviceFile?
        var reader: InputReaderThread?
    }

    public let identity: DeviceIdentity
    public let capabilities = DeviceCapabilities.none
    private let settings: Settings
    private let connection = Mutex(Connection())
    private let broadcaster = DeviceEventBroadcaster()
    private let logger = Logger(label: "stand.keypad")

    public init(settings: Settings, model: String = "USB numeric keypad") {
        self.settings = settings
        identity = DeviceIdentity(kind: .keypad, model: model, connection: .file(path: settings.path))
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
            value.reader = InputReaderThread(name: "keypad \(file.path)") { [weak self] shouldStop in
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

    /// Reads and maps events until told to stop or the device goes away.
    private func readLoop(_ file: InputDeviceFile, shouldStop: () -> Bool) {
        var decoder = InputEventDecoder()
        let keymap = settings.keymap
        while !shouldStop() {
            do throws(SystemCallError) {
                let ready = try file.wait(milliseconds: settings.pollMilliseconds)
                if ready == 0 { continue }
                if ready & Int16(POLLIN) == 0 {
                    return lost(file, detail: "poll on \(file.path) reported revents \(ready)")
                }
                let bytes = try file.read(upTo: InputEvent.byteCount * 64)
                if bytes.isEmpty { return lost(file, detail: "read on \(file.path) reached the end of the input") }
                for event in decoder.decode(bytes) {
                    if let key = keymap.keyEvent(for: event) { broadcaster.send(.keyPressed(key)) }
                }
            } catch where error.errno == EAGAIN {
                continue
            } catch where error.meansDisconnected {
                return lost(file, detail: error.description)
            } catch {
                let failure = DeviceError.io(.keypad, detail: error.description)
                logger.error("keypad failed", metadata: ["detail": "\(error)"])
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

    private func lost(_ file: InputDeviceFile, detail: String) {
        logger.warning("keypad disconnected", metadata: ["detail": "\(detail)"])
        file.close()
        connection.withLock { value in
            guard value.file === file else { return }
            value.file = nil
            value.lifecycle.disconnected()
        }
        broadcaster.send(.disconnected)
        broadcaster.send(.stateChanged(.disconnected))
    }

    private static func openError(_ error: SystemCallError) -> DeviceError {
        switch error.errno {
        case ENOENT, ENODEV, ENXIO:
            .notFound(.keypad, error.path, detail: error.description)
        case EACCES, EPERM:
            DeviceError(code: .busy, summary: "The stand may not read the keypad at \(error.path).",
                        action: "Add the stand's user to the input group (or install the udev rule), then restart the stand.",
                        detail: error.description)
        default:
            .io(.keypad, detail: error.description)
        }
    }

    private static func grabError(_ error: SystemCallError) -> DeviceError {
        switch error.errno {
        case EBUSY:
            .busy(.keypad, detail: error.description)
        case ENOTTY, EINVAL:
            DeviceError(code: .unsupported, summary: "\(error.path) is not a keyboard input device, so the keypad cannot be taken exclusively.",
                        action: "Name the keypad's /dev/input/by-id/…-event-kbd file in the configuration.",
                        detail: error.description)
        default:
            error.meansDisconnected ? .disconnected(.keypad, detail: error.description) : .io(.keypad, detail: error.description)
        }
    }
}
