#if canImport(Glibc)
import Glibc
#endif

/// What a failed socket call means, so callers outside the drivers need no errno numbers.
extension SystemCallError {
    /// errno in words ("Permission denied").
    public var reason: String { String(cString: strerror(errno)) }

    /// The file's mode or the process's groups do not allow it.
    public var meansPermissionDenied: Bool { errno == EACCES || errno == EPERM }

    /// No socket file, or nothing listening on it.
    public var meansNobodyListening: Bool { errno == ENOENT || errno == ECONNREFUSED }

    /// A socket timeout (SO_RCVTIMEO, SO_SNDTIMEO) passed.
    public var meansTimedOut: Bool { errno == EAGAIN || errno == EWOULDBLOCK }
}
