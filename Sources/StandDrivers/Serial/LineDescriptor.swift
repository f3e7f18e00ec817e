#if canImport(Glibc)
import Glibc
#endif

/// The open, non-blocking descriptor of a card terminal line (a serial device or a TCP socket),
/// owned from a successful open until `close()` or deinit. Reads and writes wait with poll and a
/// deadline but never hold a thread: each poll returns at once and the task sleeps in between.
final class LineDescriptor {
    /// Why a read or write stopped.
    enum Failure: Error {
        case system(SystemCallError)
        /// The other end is gone: a hang-up, end of file, a vanished adapter, a closed connection.
        case hungUp(String)
        /// Not every byte went out before the deadline (or the task was cancelled).
        case timedOut(done: Int, total: Int, cancelled: Bool)

        /// The line is gone rather than slow or wrong.
        var meansDisconnected: Bool {
            switch self {
            case .system(let error):
                error.meansDisconnected || [EPIPE, ECONNRESET, ENOTCONN, ECONNABORTED, ESHUTDOWN, ETIMEDOUT].contains(error.errno)
            case .hungUp: true
            case .timedOut: false
            }
        }

        var detail: String {
            switch self {
            case .system(let error): error.description
            case .hungUp(let what): what
            case .timedOut(let done, let total, let cancelled): "\(cancelled ? "cancelled" : "timed out") after \(done) of \(total) bytes"
            }
        }
    }

    /// The device path or "host:port", for errors.
    let name: String
    /// Sockets use send/recv (no SIGPIPE); device files use write/read.
    private let isSocket: Bool
    private(set) var fd: Int32?

    /// Takes ownership of `fd`, already open, non-blocking and close-on-exec.
    init(adopting fd: Int32, name: String, isSocket: Bool) {
        self.fd = fd
        self.name = name
        self.isSocket = isSocket
    }

    deinit { close() }

    /// Closes the descriptor; later calls do nothing.
    func close() {
        if let fd { Syscalls.close(fd) }
        fd = nil
    }

    private func descriptor(_ call: String) throws(Failure) -> Int32 {
        guard let fd else { throw .system(SystemCallError(call: call, path: name, errno: EBADF)) }
        return fd
    }

    /// The bytes that arrive before `deadline`, at most `maxCount`; empty at the deadline or when
    /// the task is cancelled. Returns as soon as there is at least one.
    nonisolated(nonsending) func receive(maxCount: Int, until deadline: ContinuousClock.Instant) async throws(Failure) -> [UInt8] {
        while true {
            let ready: Int16
            do { ready = try await wait(for: Int16(POLLIN), until: deadline) } catch { throw .system(error) }
            guard ready != 0 else { return [] }
            if let bytes = try readAvailable(maxCount: maxCount) { return bytes }
            if ready & Int16(POLLHUP | POLLERR) != 0 { throw .hungUp("\(name) hung up") }
        }
    }

    /// What is there now, at most `maxCount` bytes; nil when nothing is. Only called after poll
    /// reported the descriptor ready, so end of file (0) is the other end gone, also on a serial
    /// line in raw mode with VMIN 0, whose read returns 0 rather than EAGAIN when it has nothing.
    func readAvailable(maxCount: Int) throws(Failure) -> [UInt8]? {
        let fd = try descriptor("read")
        var bytes = [UInt8](repeating: 0, count: maxCount)
        let result = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemCallError) -> Int in
                isSocket ? try Syscalls.recv(fd, path: name, into: buffer) : try Syscalls.read(fd, path: name, into: buffer)
            }
        }
        switch result {
        case .success(0): throw .hungUp(isSocket ? "\(name) closed the connection" : "\(name) hung up (end of file)")
        case .success(let count): return Array(bytes.prefix(count))
        case .failure(let error) where error.errno == EAGAIN: return nil
        case .failure(let error): throw .system(error)
        }
    }

    /// Writes every byte before `deadline`.
    nonisolated(nonsending) func send(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) async throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let ready: Int16
            do { ready = try await wait(for: Int16(POLLOUT), until: deadline) } catch { throw .system(error) }
            guard ready & Int16(POLLOUT) != 0 else {
                if ready & Int16(POLLHUP | POLLERR) != 0 { throw .hungUp("\(name) hung up") }
                throw .timedOut(done: offset, total: bytes.count, cancelled: Task.isCancelled)
            }
            let fd = try descriptor("write")
            let result = bytes[offset...].withUnsafeBytes { chunk in
                Result { () throws(SystemCallError) -> Int in
                    isSocket ? try Syscalls.send(fd, path: name, chunk) : try Syscalls.write(fd, path: name, chunk)
                }
            }
            switch result {
            case .success(let written): offset += written
            case .failure(let error) where error.errno == EAGAIN: continue
            case .failure(let error): throw .system(error)
            }
        }
    }

    /// Waits until `deadline` for `events` (hang-ups and errors always count); returns poll's
    /// revents, 0 when the time ran out or the task was cancelled. The pause between polls grows
    /// to 10 ms, so a long wait for a card terminal costs at most a hundred wake-ups a second.
    nonisolated(nonsending) func wait(for events: Int16, until deadline: ContinuousClock.Instant) async throws(SystemCallError) -> Int16 {
        let clock = ContinuousClock()
        var pause = Duration.microseconds(250)
        while true {
            guard let fd else { throw SystemCallError(call: "poll", path: name, errno: EBADF) }
            let ready = try Syscalls.poll(fd, path: name, events: events, milliseconds: 0)
            if ready & Int16(POLLNVAL) != 0 { throw SystemCallError(call: "poll", path: name, errno: EBADF) }
            if ready != 0 { return ready }
            let now = clock.now
            guard now < deadline else { return 0 }
            do { try await clock.sleep(until: min(now + pause, deadline)) } catch { return 0 }
            pause = min(pause * 2, .milliseconds(10))
        }
    }
}
