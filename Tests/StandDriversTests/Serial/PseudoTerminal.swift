#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing

/// A pseudo-terminal pair standing in for the card terminal's serial cable: the test holds the
/// master, the driver opens `path` (the slave), which starts cooked, as a fresh port does. Closing
/// the master hangs the line up, as unplugging a USB-serial adapter does.
final class PseudoTerminal: Sendable {
    let path: String
    /// Close-on-exec: a process another test spawns meanwhile must not inherit it, or closing it
    /// here would not hang up the line.
    private let master: Mutex<Int32?>

    init() throws {
        let fd = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        try #require(fd >= 0, "open /dev/ptmx: errno \(errno)")
        var unlock: Int32 = 0, number: UInt32 = 0
        // TIOCSPTLCK (unlock the pair) and TIOCGPTN (its number under /dev/pts): Glibc's grantpt,
        // unlockpt and ptsname_r do not reach Swift.
        guard ioctl(fd, 0x4004_5431, &unlock) == 0, ioctl(fd, 0x8004_5430, &number) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw LineTestError(message: "setting up the pseudo-terminal: errno \(code)")
        }
        master = Mutex(fd)
        path = "/dev/pts/\(number)"
    }

    deinit { hangUp() }

    /// Writes `bytes` as the card terminal.
    func send(_ bytes: [UInt8]) throws {
        let written = master.withLock { fd in bytes.withUnsafeBytes { Glibc.write(fd ?? -1, $0.baseAddress, $0.count) } }
        try #require(written == bytes.count, "write to the pseudo-terminal's master: errno \(errno)")
    }

    /// What the driver sent, until `count` bytes are there or `limit` has passed.
    func receive(count: Int, within limit: Duration = .seconds(5)) async -> [UInt8] {
        let deadline = ContinuousClock.now + limit
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while received.count < count, ContinuousClock.now < deadline {
            let read = master.withLock { fd in buffer.withUnsafeMutableBytes { Glibc.read(fd ?? -1, $0.baseAddress, $0.count) } }
            if read > 0 { received += buffer[..<read] } else { try? await Task.sleep(for: .milliseconds(2)) }
        }
        return received
    }

    /// Closes the master: the line hangs up.
    func hangUp() {
        master.withLock { fd in
            if let fd { Glibc.close(fd) }
            fd = nil
        }
    }
}

struct LineTestError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
