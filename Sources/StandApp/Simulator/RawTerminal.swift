import StandDrivers

/// The simulator's terminal: standard input in raw mode (restored by `restore()`, idempotent)
/// for the keys, standard output for the screen.
public final class RawTerminal: Sendable {
    /// Why the terminal could not be put into raw mode.
    public struct Failure: Error, CustomStringConvertible {
        public let error: SystemCallError
        public var description: String {
            "\(error). standd --simulate needs an interactive terminal (run it in a terminal, not with input redirected)."
        }
    }

    private let mode: RawTerminalMode
    private let output = StandardStream.output

    /// Puts standard input into raw mode: no echo, no line buffering, no signal keys (Ctrl-C
    /// arrives as byte 3), no output post-processing.
    public init() throws(Failure) {
        do { mode = try RawTerminalMode(.input) } catch { throw Failure(error: error) }
    }

    /// Puts the terminal back as it was; safe to call more than once.
    public func restore() {
        mode.restore()
    }

    /// The window's columns and rows, or nil when the size is unknown.
    public func size() -> (columns: Int, rows: Int)? {
        output.windowSize()
    }

    /// Waits up to `milliseconds` for input and returns what arrived: empty on timeout, nil at
    /// end of input or when the terminal cannot be read any more (it went away).
    public func read(timeoutMilliseconds milliseconds: Int32) -> [UInt8]? {
        (try? mode.terminal.read(maxCount: 256, waitingMilliseconds: milliseconds)) ?? nil
    }

    /// Writes all of `text`; a screen that went away is left alone.
    public func write(_ text: String) {
        try? output.write(Array(text.utf8))
    }
}
