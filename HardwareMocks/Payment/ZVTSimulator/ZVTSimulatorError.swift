#if canImport(Glibc)
import Glibc
#endif

/// The simulator could not open its end of the line: the failing call and errno, in words.
public struct ZVTSimulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call that failed, with what it was for ("bind 127.0.0.1:20007").
    public let call: String
    public let errno: Int32

    public var description: String {
        "The ZVT terminal simulator could not start: \(call) failed: \(String(cString: strerror(errno))) (errno \(errno)). "
            + "A pseudo-terminal needs /dev/ptmx and a mounted /dev/pts; a TCP port must be free on 127.0.0.1 (ask for port 0 to get any free one)."
    }
}
