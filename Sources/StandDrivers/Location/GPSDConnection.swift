#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One TCP connection to gpsd: owns the socket from a successful connect until `close()` or
/// deinit, whichever comes first. Connecting and sending wait without holding a thread; reading
/// is done by the driver's reader thread, which blocks in `wait(milliseconds:)`.
final class GPSDConnection: Sendable {
    /// Why connecting failed.
    enum ConnectFailure: Error {
        /// Nothing listens at the address (ECONNREFUSED).
        case refused(SystemCallError)
        case unreachable(SystemCallError)
        case timedOut
    }

    /// "127.0.0.1:2947", for errors and logs.
    let address: String
    private let descriptor: Mutex<Int32?>

    private init(adopting fd: Int32, address: String) {
        self.address = address
        descriptor = Mutex(fd)
    }

    deinit { close() }

    /// Closes the socket; later calls do nothing.
    func close() {
        if let fd = descriptor.withLock({ value -> Int32? in defer { value = nil }; return value }) {
            Syscalls.close(fd)
        }
    }

    private func fd(_ call: String) throws(SystemCallError) -> Int32 {
        guard let fd = descriptor.withLock({ $0 }) else { throw SystemCallError(call: call, path: address, errno: EBADF) }
        return fd
    }

    /// Connects a non-blocking TCP socket to `target`, waiting at most `timeout`.
    static func connect(to target: sockaddr_in, address: String, timeout: Duration) async throws(ConnectFailure) -> GPSDConnection {
        let fd: Int32
        do {
            fd = try Syscalls.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                                     path: address)
        } catch {
            throw .unreachable(error)
        }
        let connection = GPSDConnection(adopting: fd, address: address)
        var target = target
        do throws(SystemCallError) {
            try withUnsafePointer(to: &target) { pointer throws(SystemCallError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress throws(SystemCallError) in
                    try Syscalls.connect(fd, path: address, socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            return connection
        } catch where error.errno == EINPROGRESS {
            // Finished below, once the socket is writable.
        } catch {
            connection.close()
            throw error.errno == ECONNREFUSED ? .refused(error) : .unreachable(error)
        }
        let ready: Int16
        do { ready = try await connection.wait(for: Int16(POLLOUT), timeout: timeout) } catch {
            connection.close()
            throw .unreachable(error)
        }
        guard ready != 0 else {
            connection.close()
            throw .timedOut
        }
        do throws(SystemCallError) {
            let code = try Syscalls.socketError(fd, path: address)
            if code != 0 { throw SystemCallError(call: "connect", path: address, errno: code) }
        } catch {
            connection.close()
            throw error.errno == ECONNREFUSED ? .refused(error) : .unreachable(error)
        }
        return connection
    }

    /// Sends all of `bytes`, waiting at most `timeout` each time gpsd does not take them.
    func send(_ bytes: [UInt8], timeout: Duration) async throws(SystemCallError) {
        var offset = 0
        while offset < bytes.count {
            guard try await wait(for: Int16(POLLOUT), timeout: timeout) & Int16(POLLOUT) != 0 else {
                throw SystemCallError(call: "send", path: address, errno: ETIMEDOUT)
            }
            let fd = try fd("send")
            let sent = bytes[offset...].withUnsafeBytes { chunk in
                Result { () throws(SystemCallError) -> Int in try Syscalls.send(fd, path: address, chunk) }
            }
            switch sent {
            case .success(let count): offset += count
            case .failure(let error) where error.errno == EAGAIN: continue
            case .failure(let error): throw error
            }
        }
    }

    /// Blocks the calling thread up to `milliseconds` for input; returns poll's revents (0: none).
    func wait(milliseconds: Int32) throws(SystemCallError) -> Int16 {
        try Syscalls.poll(try fd("poll"), path: address, events: Int16(POLLIN), milliseconds: milliseconds)
    }

    /// What has arrived, up to `limit` bytes; empty when gpsd closed the connection.
    func receive(upTo limit: Int) throws(SystemCallError) -> [UInt8] {
        let fd = try fd("recv")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: limit, alignment: 1)
        defer { buffer.deallocate() }
        let count = try Syscalls.recv(fd, path: address, into: buffer)
        return Array(buffer.prefix(count))
    }

    /// Waits up to `timeout` for `events` without holding a thread: polls, then sleeps a little.
    /// 0: the time ran out (or the task was cancelled).
    private func wait(for events: Int16, timeout: Duration) async throws(SystemCallError) -> Int16 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var pause = Duration.microseconds(200)
        while true {
            let ready = try Syscalls.poll(try fd("poll"), path: address, events: events, milliseconds: 0)
            if ready != 0 || clock.now >= deadline { return ready }
            do { try await clock.sleep(for: pause) } catch { return 0 }
            pause = min(pause * 2, .milliseconds(5))
        }
    }
}
