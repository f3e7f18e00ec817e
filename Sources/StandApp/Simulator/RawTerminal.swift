#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The simulator's only contact with the terminal's C interface: raw mode through termios
/// (restored by `restore()`, idempotent), the window size, and polled reads and writes on the
/// file descriptors. Every syscall of the simulator UI is in this file.
public final class RawTerminal: Sendable {
    /// Why the terminal could not be put into raw mode.
    public struct Failure: Error, CustomStringConvertible {
        public let call: String
        public let code: Int32
        public var description: String {
            "\(call) failed on standard input: \(String(cString: strerror(code))). standd --simulate needs an interactive terminal (run it in a terminal, not with input redirected)."
        }
    }

    public let input: Int32
    public let output: Int32
    private let saved: Mutex<termios?>

    /// Puts `input` into raw mode: no echo, no line buffering, no signal keys (Ctrl-C arrives as
    /// byte 3), no output post-processing.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws(Failure) {
        self.input = input
        self.output = output
        var original = termios()
        guard tcgetattr(input, &original) == 0 else { throw Failure(call: "tcgetattr", code: errno) }
        var raw = original
        cfmakeraw(&raw)
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { throw Failure(call: "tcsetattr", code: errno) }
        saved = Mutex(original)
    }

    deinit { restore() }

    /// Puts the terminal back as it was; safe to call more than once.
    public func restore() {
        guard var original = saved.withLock({ value -> termios? in
            defer { value = nil }
            return value
        }) else { return }
        _ = tcsetattr(input, TCSANOW, &original)
    }

    /// The window's columns and rows, or nil when the size is unknown.
    public func size() -> (columns: Int, rows: Int)? {
        var window = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else { return nil }
        return (Int(window.ws_col), Int(window.ws_row))
    }

    /// Waits up to `milliseconds` for input and returns what arrived: empty on timeout, nil at
    /// end of input (the terminal went away).
    public func read(timeoutMilliseconds milliseconds: Int32) -> [UInt8]? {
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 { return errno == EINTR ? [] : nil }
        if ready == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { systemRead(input, $0.baseAddress, $0.count) }
        if count < 0 { return errno == EINTR || errno == EAGAIN ? [] : nil }
        if count == 0 { return nil }
        return Array(buffer.prefix(count))
    }

    /// Writes all of `text`, retrying short writes.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(output, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes.removeFirst(written)
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif
