#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call, on which device or path, and the errno in words.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    public let call: String
    public let path: String
    public let errno: Int32

    public init(call: String, path: String, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "\(call) on \(path) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }

    /// The device is gone (unplugged) rather than misbehaving.
    public var meansDisconnected: Bool { errno == ENODEV || errno == ENXIO || errno == EIO || errno == ENOENT }
}
