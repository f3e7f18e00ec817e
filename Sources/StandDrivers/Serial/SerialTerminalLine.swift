#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// A card terminal on a serial line (RS-232, a USB-serial adapter, the Pi's UART) through termios:
/// opened exclusively and raw, non-blocking, every wait polled with a deadline. A line that hangs
/// up or vanishes (the adapter unplugged) is closed at once and reported `.disconnected`, so the
/// kernel can give the replugged adapter its old name; `open()` then opens the same path again.
public actor SerialTerminalLine: TerminalLine {
    public nonisolated let settings: SerialLineSettings
    /// The card protocol frames its messages itself on a serial line.
    public nonisolated var needsFraming: Bool { true }
    private var line = LineState.closed

    public init(settings: SerialLineSettings) {
        self.settings = settings
    }

    /// Opens the port (again, after an unplug) for this process alone, sets it raw with the
    /// configured speed and framing, raises DTR and RTS, and drops whatever was waiting.
    public func open() async throws(DeviceError) {
        releaseAndClose()
        let speed = try settings.speed()
        let path = settings.path
        let fd: Int32
        do { fd = try Syscalls.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) } catch { throw openError(error) }
        let descriptor = LineDescriptor(adopting: fd, name: path, isSocket: false)
        do throws(SystemCallError) {
            // TIOCEXCL keeps other programs from opening the port, but not root's; the lock also
            // keeps out a second standd, or a second line in this one, running as root.
            try Syscalls.flock(fd, path: path, LOCK_EX | LOCK_NB)
            try Syscalls.ioctl(fd, path: path, "TIOCEXCL", UInt(TIOCEXCL), value: 0)
            var termios = try Syscalls.tcgetattr(fd, path: path)
            settings.configure(&termios, speed: speed)
            try Syscalls.tcsetattr(fd, path: path, termios)
            try Self.raiseModemLines(fd, path: path)
            try Syscalls.tcflush(fd, path: path, TCIOFLUSH)
        } catch {
            descriptor.close()
            throw openError(error)
        }
        line = .open(descriptor)
    }

    /// Writes every byte; the time allowed is what the bytes take at the line's speed, plus 2 s.
    public func write(_ bytes: [UInt8]) async throws(DeviceError) {
        let descriptor = try line.descriptor(for: "write")
        let airtime = Duration.seconds(Double(bytes.count * settings.bitsPerByte) / Double(settings.baudRate))
        let allowed = airtime + .seconds(2)
        do {
            try await descriptor.send(bytes, until: .now + allowed)
        } catch {
            throw fail(descriptor, error, "write", allowed: allowed)
        }
    }

    public func read(maxCount: Int, timeout: Duration) async throws(DeviceError) -> [UInt8] {
        let descriptor = try line.descriptor(for: "read")
        guard maxCount > 0 else { return [] }
        do {
            return try await descriptor.receive(maxCount: maxCount, until: .now + timeout)
        } catch {
            throw fail(descriptor, error, "read", allowed: timeout)
        }
    }

    /// Drops what the port received and nobody read. A line that is gone is left for the next
    /// read or write to report.
    public func discardInput() async {
        guard case .open(let descriptor) = line, let fd = descriptor.fd else { return }
        try? Syscalls.tcflush(fd, path: settings.path, TCIFLUSH)
    }

    public func close() async {
        releaseAndClose()
    }

    /// Exclusive mode belongs to the port, not to the descriptor: it would outlive this line while
    /// anything else holds the port open (a getty, a simulator's pty) and refuse the next open.
    private func releaseAndClose() {
        if case .open(let descriptor) = line, let fd = descriptor.fd {
            try? Syscalls.ioctl(fd, path: settings.path, "TIOCNXCL", UInt(TIOCNXCL), value: 0)
        }
        line.close()
    }

    /// DTR and RTS up: many terminals talk only then. A line without modem control lines (a
    /// pseudo-terminal, some adapters) refuses with ENOTTY or EINVAL; it has none to raise.
    private static func raiseModemLines(_ fd: Int32, path: String) throws(SystemCallError) {
        var lines = Int32(TIOCM_DTR | TIOCM_RTS)
        do {
            _ = try withUnsafeMutableBytes(of: &lines) { buffer throws(SystemCallError) in
                try Syscalls.ioctl(fd, path: path, "TIOCMBIS", UInt(TIOCMBIS), pointer: buffer.baseAddress!)
            }
        } catch where error.errno == ENOTTY || error.errno == EINVAL {
            return
        }
    }

    private func openError(_ error: SystemCallError) -> DeviceError {
        let path = settings.path
        switch error.errno {
        case ENOENT, ENODEV, ENXIO:
            return DeviceError(code: .notFound, summary: "No serial port at \(path): is the card terminal's cable plugged in?",
                               action: "Plug it in; if it is, find the port with `ls /dev/serial/by-id/` and name that link in the card terminal's settings.",
                               detail: error.description)
        case EACCES, EPERM:
            return .permissionDenied(.paymentTerminal, path: path,
                                     action: "Add the stand's user to the dialout group, or install systemd/udev/60-standkit.rules (serial ports then belong to the stand group), and restart the stand.",
                                     detail: error.description)
        case EBUSY, EWOULDBLOCK:
            return DeviceError(code: .busy, summary: "The card terminal's serial port \(path) is in use by another program.",
                               action: "Stop the other program (a second standd, minicom, screen, ModemManager), then restart the stand.",
                               detail: error.description)
        case ENOTTY:
            return DeviceError(code: .unsupported, summary: "\(path) is not a serial port.",
                               action: "Name the card terminal's serial port (/dev/ttyUSB0, /dev/ttyACM0 or its /dev/serial/by-id/… link) in its settings.",
                               detail: error.description)
        case EINVAL where error.call == "tcsetattr":
            return DeviceError(code: .unsupported, summary: "The serial port \(path) cannot run at \(settings.baudRate) baud.",
                               action: "Set the card terminal and the stand to a rate the port can do, such as 9600 or 115200.",
                               detail: error.description)
        default:
            return .io(.paymentTerminal, detail: error.description)
        }
    }

    /// A failed read or write: a stalled write is a timeout and keeps the port open; anything
    /// else closes it, a hang-up or a vanished device as `.disconnected`.
    private func fail(_ descriptor: LineDescriptor, _ failure: LineDescriptor.Failure, _ operation: String,
                      allowed: Duration) -> DeviceError {
        let detail = "\(operation) on \(settings.path): \(failure.detail)"
        if case .timedOut = failure { return .timeout(.paymentTerminal, operation, detail: "\(detail) (\(allowed) allowed)") }
        guard descriptor.fd != nil else { return line.closedMeanwhile(operation) }
        let error: DeviceError = failure.meansDisconnected ? .disconnected(.paymentTerminal, detail: detail) : .io(.paymentTerminal, detail: detail)
        line.lose(descriptor, because: error)
        return error
    }
}
