#if canImport(Glibc)
import Glibc
#endif

/// The terminal-control and locking calls of the serial line, through the same seam as every
/// other syscall (EINTR retried, failures naming the call and the path).
extension Syscalls {
    static func tcgetattr(_ fd: Int32, path: String) throws(SystemCallError) -> termios {
        var settings = termios()
        try retrying("tcgetattr", path) { Glibc.tcgetattr(fd, &settings) }
        return settings
    }

    static func tcsetattr(_ fd: Int32, path: String, _ settings: termios) throws(SystemCallError) {
        var settings = settings
        try retrying("tcsetattr", path) { Glibc.tcsetattr(fd, TCSANOW, &settings) }
    }

    /// Drops what is waiting in `queue` (TCIFLUSH, TCOFLUSH, TCIOFLUSH).
    static func tcflush(_ fd: Int32, path: String, _ queue: Int32) throws(SystemCallError) {
        try retrying("tcflush", path) { Glibc.tcflush(fd, queue) }
    }

    /// An advisory lock on the open file (LOCK_EX | LOCK_NB: EWOULDBLOCK when another holds it).
    static func flock(_ fd: Int32, path: String, _ operation: Int32) throws(SystemCallError) {
        let lock: (Int32, Int32) -> Int32 = Glibc.flock(_:_:)  // the function, not the struct of that name
        try retrying("flock", path) { lock(fd, operation) }
    }
}
