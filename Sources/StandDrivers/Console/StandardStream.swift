#if canImport(Glibc)
import Glibc
#endif

/// Standard input, output or error of this process: the simulator's keyboard and screen, and
/// the service's log lines to the journal.
public struct StandardStream: Sendable {
    public let descriptor: Int32
    /// "standard input", for errors.
    public let name: String

    public static let input = StandardStream(descriptor: STDIN_FILENO, name: "standard input")
    public static let output = StandardStream(descriptor: STDOUT_FILENO, name: "standard output")
    public static let error = StandardStream(descriptor: STDERR_FILENO, name: "standard error")

    /// What arrives within `milliseconds`, at most `maxCount` bytes: empty when nothing did (or a
    /// signal came first), nil at the end of input (the terminal went away).
    public func read(maxCount: Int, waitingMilliseconds milliseconds: Int32) throws(SystemCallError) -> [UInt8]? {
        guard try Syscalls.poll(descriptor, path: name, events: Int16(POLLIN), milliseconds: milliseconds) != 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: maxCount)
        let result = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemCallError) in try Syscalls.read(descriptor, path: name, into: buffer) }
        }
        switch result {
        case .success(0): return nil
        case .success(let count): return Array(bytes.prefix(count))
        case .failure(let error) where error.errno == EAGAIN: return []
        case .failure(let error): throw error
        }
    }

    /// Writes every byte, continuing after short writes.
    public func write(_ bytes: [UInt8]) throws(SystemCallError) {
        var offset = 0
        while offset < bytes.count {
            offset += try bytes[offset...].withUnsafeBytes { chunk in
                Result { () throws(SystemCallError) in try Syscalls.write(descriptor, path: name, chunk) }
            }.get()
        }
    }

    /// Writes `line` with a single write(2), so lines written from different threads never
    /// interleave.
    public func writeLine(_ line: String) throws(SystemCallError) {
        _ = try Array(line.utf8).withUnsafeBytes { bytes in
            Result { () throws(SystemCallError) in try Syscalls.write(descriptor, path: name, bytes) }
        }.get()
    }

    /// The terminal window's columns and rows; nil when this is no terminal or its size is unknown.
    public func windowSize() -> (columns: Int, rows: Int)? {
        var window = winsize()
        let known = withUnsafeMutableBytes(of: &window) { buffer in
            (try? Syscalls.ioctl(descriptor, path: name, "TIOCGWINSZ", UInt(TIOCGWINSZ), pointer: buffer.baseAddress!)) != nil
        }
        guard known, window.ws_col > 0, window.ws_row > 0 else { return nil }
        return (Int(window.ws_col), Int(window.ws_row))
    }
}
