#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A terminal switched to raw mode (no echo, no line editing, no signal keys: Ctrl-C arrives as
/// byte 3, no output processing) until `restore()` or deinit put back the mode it had.
public final class RawTerminalMode: Sendable {
    public let terminal: StandardStream
    private let saved: Mutex<termios?>

    public init(_ terminal: StandardStream) throws(SystemCallError) {
        let original = try Syscalls.tcgetattr(terminal.descriptor, path: terminal.name)
        var raw = original
        cfmakeraw(&raw)
        try Syscalls.tcsetattr(terminal.descriptor, path: terminal.name, raw)
        self.terminal = terminal
        saved = Mutex(original)
    }

    deinit { restore() }

    /// Puts the terminal's mode back; later calls do nothing.
    public func restore() {
        guard let original = saved.withLock({ value -> termios? in defer { value = nil }; return value }) else { return }
        try? Syscalls.tcsetattr(terminal.descriptor, path: terminal.name, original)
    }
}
