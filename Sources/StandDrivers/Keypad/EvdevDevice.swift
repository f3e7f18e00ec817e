#if canImport(Glibc)
import Glibc
#endif
import Logging
import StandHardware
import Synchronization

/// An evdev input device (`/dev/input/…`) through the device lifecycle: opened non-blocking,
/// grabbed exclusively on claim (EVIOCGRAB, monotonic timestamps) so its keys reach nobody else,
/// read on its own thread while enabled. The keypad and the keyboard-wedge scanner are this with
/// a different use for the records: each connection gets a fresh `handler` from `makeHandler`,
/// run on the reader thread. An unplugged device (ENODEV, EIO, end of file) becomes
/// `.disconnected`; any other read failure `.failed`.
final class EvdevDevice: Sendable {
    struct Settings: Sendable {
        var kind: DeviceKind
        var path: String
        var grabsExclusively: Bool
        var pollMilliseconds: Int32
    }

    private struct Connection {
        var lifecycle = DeviceLifecycle()
        var file: InputDeviceFile?
        var reader: InputReaderThread?
    }

    let broadcaster: DeviceEventBroadcaster
    private let settings: Settings
    private let makeHandler: @Sendable () -> (InputEvent) -> Void
    private let connection = Mutex(Connection())
    private let logger: Logger

    init(_ settings: Settings, broadcaster: DeviceEventBroadcaster, logger: Logger,
         makeHandler: @escaping @Sendable () -> (InputEvent) -> Void) {
        self.settings = settings
        self.broadcaster = broadcaster
        self.logger = logger
        self.makeHandler = makeHandler
    }

    var state: DeviceState { connection.withLock { $0.lifecycle.state } }

    func open() throws(DeviceError) {
        let (path, kind) = (settings.path, settings.kind)
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            var lifecycle = value.lifecycle
            try lifecycle.opened()
            do throws(SystemCallError) { value.file = try InputDeviceFile(path: path) } catch {
                throw Self.openError(kind, error)
            }
            value.lifecycle = lifecycle
        }
        broadcaster.send(.stateChanged(.opened))
    }

    func claim() throws(DeviceError) {
        let (grabs, kind) = (settings.grabsExclusively, settings.kind)
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            guard value.lifecycle.state == .opened, let file = value.file else { throw .wrongState(value.lifecycle.state, "claim") }
            if grabs {
                do throws(SystemCallError) {
                    try file.grab(true)
                    try file.useMonotonicClock()
                } catch {
                    throw Self.grabError(kind, error)
                }
            }
            try value.lifecycle.claimed()
        }
        broadcaster.send(.stateChanged(.claimed))
    }

    func enable() throws(DeviceError) {
        let kind = settings.kind
        try connection.withLock { (value: inout Connection) throws(DeviceError) in
            guard value.lifecycle.state == .claimed, let file = value.file else { throw .wrongState(value.lifecycle.state, "enable") }
            try value.lifecycle.enabled()
            value.reader = InputReaderThread(name: "\(kind) \(file.path)") { [weak self] shouldStop in
                self?.readLoop(file, shouldStop: shouldStop)
            }
        }
        broadcaster.send(.stateChanged(.enabled))
    }

    func close() async {
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

    /// Reads and hands on records until told to stop or the device goes away.
    private func readLoop(_ file: InputDeviceFile, shouldStop: () -> Bool) {
        var records = InputEventDecoder()
        let handle = makeHandler()
        while !shouldStop() {
            do throws(SystemCallError) {
                let ready = try file.wait(milliseconds: settings.pollMilliseconds)
                if ready == 0 { continue }
                if ready & Int16(POLLIN) == 0 {
                    return lost(file, detail: "poll on \(file.path) reported revents \(ready)")
                }
                let bytes = try file.read(upTo: InputEvent.byteCount * 64)
                if bytes.isEmpty { return lost(file, detail: "read on \(file.path) reached the end of the input") }
                for event in records.decode(bytes) { handle(event) }
            } catch where error.errno == EAGAIN {
                continue
            } catch where error.meansDisconnected {
                return lost(file, detail: error.description)
            } catch {
                let failure = DeviceError.io(settings.kind, detail: error.description)
                logger.error("\(settings.kind) failed", metadata: ["path": "\(file.path)", "detail": "\(error)"])
                file.close()
                let current = connection.withLock { value -> Bool in
                    guard value.file === file else { return false }
                    value.file = nil
                    value.lifecycle.failed(failure)
                    return true
                }
                if current { broadcaster.send(.stateChanged(.failed(failure))) }
                return
            }
        }
    }

    private func lost(_ file: InputDeviceFile, detail: String) {
        logger.warning("\(settings.kind) disconnected", metadata: ["path": "\(file.path)", "detail": "\(detail)"])
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

    static func openError(_ kind: DeviceKind, _ error: SystemCallError) -> DeviceError {
        let path = error.path
        switch error.errno {
        case ENOENT, ENODEV, ENXIO:
            return DeviceError(code: .notFound, summary: "\(path) does not exist: is the \(kind) plugged in?",
                               action: "Plug it in, or find it with `ls /dev/input/by-id/` and name its …-event-kbd file in the \(kind)'s configuration.",
                               detail: error.description)
        case EACCES, EPERM:
            return .permissionDenied(kind, path: path,
                                     action: "Add the stand's user to the input group, or install systemd/udev/60-standkit.rules (keyboards then belong to the stand group), and restart the stand.",
                                     detail: error.description)
        default:
            return .io(kind, detail: error.description)
        }
    }

    static func grabError(_ kind: DeviceKind, _ error: SystemCallError) -> DeviceError {
        switch error.errno {
        case EBUSY:
            return DeviceError(code: .busy, summary: "Another program has taken the \(kind) at \(error.path) for itself.",
                               action: "Stop the other program (a second standd, a kiosk browser), then restart the stand.",
                               detail: error.description)
        case ENOTTY, EINVAL:
            return DeviceError(code: .unsupported, summary: "\(error.path) is not a keyboard input device, so the \(kind) cannot be taken exclusively.",
                               action: "Name the \(kind)'s /dev/input/by-id/…-event-kbd file in the configuration.",
                               detail: error.description)
        default:
            return error.meansDisconnected ? .disconnected(kind, detail: error.description) : .io(kind, detail: error.description)
        }
    }
}
