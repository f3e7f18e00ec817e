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
    func write(_ bytes: [UInt8], chunkSize: Int = 1024, timeout: Int32) throws(PrinterTransportFailure) {
        let fd = try fd("write")
        var offset = 0
        while offset < bytes.count {
            let ready: Int16
            do { ready = try Syscalls.poll(fd, path: path, events: Int16(POLLOUT), milliseconds: timeout) } catch { throw .system(error) }
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
    func readByte(timeout: Int32) throws(PrinterTransportFailure) -> UInt8? {
        let fd = try fd("read")
        let ready: Int16
        do { ready = try Syscalls.poll(fd, path: path, events: Int16(POLLIN), milliseconds: timeout) } catch { throw .system(error) }
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
            return nil
        }
        return byte
    }

    /// Drops bytes that arrived unasked (late answers), so the next answer read is the right one.
    func discardPendingInput() throws(PrinterTransportFailure) {
        while try readByte(timeout: 0) != nil {}
    }

    /// Sends DLE EOT 1…4 and reads the four answer bytes; nil when the printer does not answer
    /// within `timeout` milliseconds per byte.
    func askStatus(timeout: Int32) throws(PrinterTransportFailure) -> [UInt8]? {
        try discardPendingInput()
        var answers: [UInt8] = []
        for request in StatusRequest.allCases {
            try write(request.command, timeout: timeout)
            guard let byte = try readByte(timeout: timeout) else { return nil }
            answers.append(byte)
        }
        return answers
    }
}
