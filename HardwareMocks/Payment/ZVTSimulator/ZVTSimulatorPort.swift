#if canImport(Glibc)
import Glibc
#endif

/// What a read on the simulator's side of the line gave.
enum ZVTPortRead {
    case bytes([UInt8])
    case timedOut
    /// The ECR went away (TCP: the peer closed the connection).
    case closed
    /// The simulator is stopping.
    case stopped
}

/// The terminal's end of the line to one ECR: the master of a pseudo-terminal (serial framing
/// with ACK/NAK) or a TCP listener (bare APDUs). Used by the simulator's thread only, except for
/// `wake()`, which `stop()` calls to make a blocked read return `.stopped`, and `close()`, which
/// it calls once the thread has finished.
protocol ZVTSimulatorPort: Sendable {
    /// Serial: frames, ACK/NAK, repeats. TCP: bare APDUs.
    var isFramed: Bool { get }
    /// Blocks until an ECR is there (TCP: accepts one); false when the simulator stops.
    func awaitConnection() -> Bool
    /// The bytes that arrive by `deadline` (nil: no limit), as soon as there are some.
    func read(until deadline: ContinuousClock.Instant?) -> ZVTPortRead
    /// Writes every byte; false when the ECR is gone or takes nothing for 2 s.
    func write(_ bytes: [UInt8]) -> Bool
    /// Lets the current ECR go (TCP: closes its socket) so the next one can come.
    func endConnection()
    /// Makes every blocked and later read or wait return `.stopped`.
    func wake()
    /// Releases every descriptor; the port is not used afterwards.
    func close()
}

/// A socket pair whose reading end, once a byte is written to the other, stays readable: the
/// simulator's stop signal for `poll`.
struct ZVTWakeSignal: Sendable {
    /// The end `poll` watches.
    let fd: Int32
    private let writer: Int32

    init() throws(ZVTSimulatorError) {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw ZVTSimulatorError(call: "socketpair", errno: errno)
        }
        fd = pair[0]
        writer = pair[1]
    }

    func signal() {
        var byte: UInt8 = 1
        _ = send(writer, &byte, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
    }

    func close() {
        Glibc.close(fd)
        Glibc.close(writer)
    }
}

enum ZVTPoll {
    enum Outcome { case ready, timedOut, stopped }

    /// Waits until `fd` has `events` (or an error or hang-up), the wake signal fires, or the
    /// deadline passes.
    static func wait(_ fd: Int32, for events: Int16, wake: ZVTWakeSignal, until deadline: ContinuousClock.Instant?) -> Outcome {
        while true {
            var descriptors = [pollfd(fd: fd, events: events, revents: 0), pollfd(fd: wake.fd, events: Int16(POLLIN), revents: 0)]
            let result = poll(&descriptors, 2, milliseconds(until: deadline))
            if result < 0 {
                if errno == EINTR { continue }
                return .stopped
            }
            if descriptors[1].revents != 0 { return .stopped }
            if descriptors[0].revents != 0 { return .ready }
            if let deadline, deadline <= .now { return .timedOut }
        }
    }

    private static func milliseconds(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        // Rounded up, so a wait never ends just before its deadline and spins.
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// Writes every byte of `bytes` to a non-blocking `fd`, waiting at most 2 s for room.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, wake: ZVTWakeSignal,
                         using send: (Int32, UnsafeRawBufferPointer) -> Int) -> Bool {
        var offset = 0
        let deadline = ContinuousClock.now + .seconds(2)
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in send(fd, UnsafeRawBufferPointer(rebasing: buffer[offset...])) }
            if written > 0 {
                offset += written
                continue
            }
            guard written < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else { return false }
            guard wait(fd, for: Int16(POLLOUT), wake: wake, until: deadline) == .ready else { return false }
        }
        return true
    }
}
