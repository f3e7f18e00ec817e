#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// One open line to a printer (a TCP socket or a device file), non-blocking: owns the descriptor
/// from a successful open until `close()` or deinit. Writes and reads wait with poll and a timeout,
/// so a printer that stops taking data never blocks the stand.
final class PrinterChannel {
    let path: String
    /// Sockets use send/recv (no SIGPIPE); files use write/read.
    private let isSocket: Bool
    private var descriptor: Int32?

    /// Takes ownership of `fd`, already open and non-blocking.
    init(adopting fd: Int32, path: String, isSocket: Bool) {
        descriptor = fd
        self.path = path
        self.isSocket = isSocket
    }

    deinit { close() }

    var isOpen: Bool { descriptor != nil }

    /// Closes the descriptor; later calls do nothing.
    func close() {
        if let fd = descriptor { Syscalls.close(fd) }
        descriptor = nil
    }

    private func fd(_ call: String) throws(PrinterTransportFailure) -> Int32 {
        guard let fd = descriptor else { throw .system(SystemCallError(call: call, path: path, errno: EBADF)) }
        return fd
    }

    /// Writes all of `bytes` in chunks; each chunk waits at most `timeout` milliseconds for the
    /// printer to take data.
    nonisolated(nonsending) func write(_ bytes: [UInt8], chunkSize: Int = 16_384, timeout: Int32) async throws(PrinterTransportFailure) {
        let fd = try fd("write")
        var offset = 0
        while offset < bytes.count {
            let ready = try await wait(for: Int16(POLLOUT), timeout: timeout)
            if ready & Int16(POLLERR | POLLHUP | POLLNVAL) != 0, ready & Int16(POLLOUT) == 0 {
                throw isSocket ? .closedByPeer(path) : .system(SystemCallError(call: "write", path: path, errno: EIO))
            }
            guard ready & Int16(POLLOUT) != 0 else { throw .timedOut(operation: "write to \(path)", done: offset, total: bytes.count) }
            let end = min(bytes.count, offset + chunkSize)
            let result = bytes[offset..<end].withUnsafeBytes { chunk in
                Result { () throws(SystemCallError) -> Int in
                    isSocket ? try Syscalls.send(fd, path: path, chunk) : try Syscalls.write(fd, path: path, chunk)
                }
            }
            switch result {
            case .success(let written): offset += written
            case .failure(let error) where error.errno == EAGAIN: continue
            case .failure(let error): throw .system(error)
            }
        }
    }

    /// Reads one byte, waiting at most `timeout` milliseconds; nil when nothing came.
    nonisolated(nonsending) func readByte(timeout: Int32) async throws(PrinterTransportFailure) -> UInt8? {
        let fd = try fd("read")
        let ready = timeout == 0 ? try poll(fd, Int16(POLLIN)) : try await wait(for: Int16(POLLIN), timeout: timeout)
        guard ready != 0 else { return nil }
        var byte: UInt8 = 0
        let result = withUnsafeMutableBytes(of: &byte) { buffer in
            Result { () throws(SystemCallError) -> Int in
                isSocket ? try Syscalls.recv(fd, path: path, into: buffer) : try Syscalls.read(fd, path: path, into: buffer)
            }
        }
        let count: Int
        switch result {
        case .success(let read): count = read
        case .failure(let error) where error.errno == EAGAIN: return nil
        case .failure(let error): throw .system(error)
        }
        if count == 0 {
            if isSocket { throw .closedByPeer(path) }
            // End of file with a hang-up: the device file's line is gone (a tty whose other end
            // closed, a vanished device), not a printer that has nothing to say.
            if ready & Int16(POLLHUP) != 0 { throw .system(SystemCallError(call: "read", path: path, errno: EIO)) }
            return nil
        }
        return byte
    }

    /// Drops bytes that arrived unasked (late answers), so the next answer read is the right one.
    nonisolated(nonsending) func discardPendingInput() async throws(PrinterTransportFailure) {
        while try await readByte(timeout: 0) != nil {}
    }

    /// Sends DLE EOT 1…4 and reads the four answer bytes; nil when the printer does not answer
    /// within `timeout` milliseconds per byte.
    nonisolated(nonsending) func askStatus(timeout: Int32) async throws(PrinterTransportFailure) -> [UInt8]? {
        try await discardPendingInput()
        var answers: [UInt8] = []
        for request in StatusRequest.allCases {
            try await write(request.command, timeout: timeout)
            guard let byte = try await readByte(timeout: timeout) else { return nil }
            answers.append(byte)
        }
        return answers
    }

    private func poll(_ fd: Int32, _ events: Int16) throws(PrinterTransportFailure) -> Int16 {
        do { return try Syscalls.poll(fd, path: path, events: events, milliseconds: 0) } catch { throw .system(error) }
    }

    /// Waits up to `timeout` milliseconds for `events` without holding a thread: polls, then
    /// sleeps a little, so a slow printer never starves the other tasks. 0: the time ran out.
    nonisolated(nonsending) func wait(for events: Int16, timeout: Int32) async throws(PrinterTransportFailure) -> Int16 {
        let fd = try fd("poll")
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(timeout)
        var pause = Duration.microseconds(200)
        while true {
            let ready = try poll(fd, events)
            if ready != 0 || clock.now >= deadline { return ready }
            do { try await clock.sleep(for: pause) } catch { return 0 }
            pause = min(pause * 2, .milliseconds(5))
        }
    }
}
