#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// The operator's display on a text console or terminal (`/dev/tty1` on an HDMI screen, a serial
/// terminal, a pty): plain ANSI, no curses. Enable hides the cursor and clears the screen; each
/// frame moves to the rows that changed, clears them and writes the new text.
public actor ConsoleDisplay: Display {
    /// Which terminal and how much of it the stand uses.
    public struct Settings: Hashable, Sendable {
        /// `/dev/tty1`, `/dev/ttyS0`, `/dev/pts/3`.
        public var path: String
        public var geometry: DisplayGeometry

        public init(path: String = "/dev/tty1", geometry: DisplayGeometry = .lcd20x4) {
            self.path = path
            self.geometry = geometry
        }
    }

    public nonisolated let identity: DeviceIdentity
    public nonisolated let capabilities = DeviceCapabilities.none
    public nonisolated let geometry: DisplayGeometry
    private let settings: Settings
    private let broadcaster = DeviceEventBroadcaster()
    private var lifecycle = DeviceLifecycle()
    private var file: OutputDeviceFile?
    private var shown: DisplayFrame?

    public init(settings: Settings) {
        self.settings = settings
        geometry = settings.geometry
        identity = DeviceIdentity(kind: .display, model: "console", connection: .file(path: settings.path))
    }

    public var state: DeviceState { lifecycle.state }

    public nonisolated func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    /// Hide the cursor, home, clear the screen.
    static let resetSequence = Array("\u{1B}[?25l\u{1B}[H\u{1B}[2J".utf8)
    /// Show the cursor again.
    static let restoreSequence = Array("\u{1B}[?25h".utf8)

    /// The bytes that turn `previous` (nil: a cleared screen) into `frame`: for each row that
    /// differs, cursor to its first column, clear the line, the text.
    static func update(from previous: DisplayFrame?, to frame: DisplayFrame) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, line) in frame.lines.enumerated() {
            if let previous, index < previous.lines.count, previous.lines[index] == line { continue }
            bytes += Array("\u{1B}[\(index + 1);1H\u{1B}[2K".utf8)
            bytes += Array(line.utf8)
        }
        return bytes
    }

    public func open() async throws(DeviceError) {
        var next = lifecycle
        try next.opened()
        do throws(SystemCallError) {
            file = try OutputDeviceFile(path: settings.path, flags: O_WRONLY | O_NOCTTY)
        } catch {
            switch error.errno {
            case ENOENT, ENODEV, ENXIO: throw .notFound(.display, error.path, detail: error.description)
            case EACCES, EPERM:
                throw DeviceError(code: .busy, summary: "The stand may not write to the console \(error.path).",
                                  action: "Add the stand's user to the tty group, then restart the stand.", detail: error.description)
            default: throw .io(.display, detail: error.description)
            }
        }
        lifecycle = next
        broadcaster.send(.stateChanged(.opened))
    }

    public func claim() async throws(DeviceError) {
        try lifecycle.claimed()
        broadcaster.send(.stateChanged(.claimed))
    }

    public func enable() async throws(DeviceError) {
        guard lifecycle.state == .claimed else { throw .wrongState(lifecycle.state, "enable") }
        try send(Self.resetSequence)
        shown = nil
        try lifecycle.enabled()
        broadcaster.send(.stateChanged(.enabled))
    }

    public func show(_ frame: DisplayFrame) async throws(DeviceError) {
        guard lifecycle.state == .enabled else { throw .wrongState(lifecycle.state, "show text") }
        let fitted = DisplayFrame(frame.lines, geometry: geometry)
        let bytes = Self.update(from: shown, to: fitted)
        if !bytes.isEmpty { try send(bytes) }
        shown = fitted
    }

    public func close() async {
        try? file?.write(Self.restoreSequence)
        file?.close()
        file = nil
        shown = nil
        let changed = lifecycle.state != .closed
        lifecycle.closed()
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    private func send(_ bytes: [UInt8]) throws(DeviceError) {
        guard let file else { throw .wrongState(lifecycle.state, "write") }
        do throws(SystemCallError) { try file.write(bytes) } catch {
            file.close()
            self.file = nil
            shown = nil
            if error.meansDisconnected {
                lifecycle.disconnected()
                broadcaster.send(.disconnected)
                broadcaster.send(.stateChanged(.disconnected))
                throw .disconnected(.display, detail: error.description)
            }
            let failure = DeviceError.io(.display, detail: error.description)
            lifecycle.failed(failure)
            broadcaster.send(.stateChanged(.failed(failure)))
            throw failure
        }
    }
}
