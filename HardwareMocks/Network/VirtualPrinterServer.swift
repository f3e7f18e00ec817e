#if canImport(Glibc)
import Glibc
#endif
import StandHardware
import Synchronization

/// A raw TCP front (the "port 9100" of network printers) for a `VirtualReceiptPrinter`: listens on
/// 127.0.0.1, serves one connection at a time, feeds every complete run of ESC/POS commands to the
/// printer and answers `DLE EOT n` with the printer's status byte, the way a real printer answers
/// real-time requests even while it is offline.
///
/// The printer must be enabled. Fault: `dropConnection(afterBytes:)` cuts the current (or next)
/// connection after that many more bytes, once. The server serves until `stop()`, which closes
/// every socket.
public final class VirtualPrinterServer: Sendable {
    private struct Connection {
        var socket: Int32
        var pending: [UInt8] = []
    }

    private struct State {
        var dropAfter: Int?
        var connections = 0
        var bytesReceived = 0
    }

    /// The port the server listens on (ephemeral when 0 was asked).
    public let port: Int
    private let printer: VirtualReceiptPrinter
    private let listener: Int32
    private let state = Mutex(State())
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    /// Listens on 127.0.0.1:`port` (0: any free port, read `port`); throws the failing call in words.
    public init(printer: VirtualReceiptPrinter, port: Int = 0) throws(VirtualPrinterServerError) {
        self.printer = printer
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw VirtualPrinterServerError(call: "socket", errno: errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw VirtualPrinterServerError(call: "bind/listen on 127.0.0.1:\(port)", errno: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let loop = Task.detached { [self] in await serve() }
        task.withLock { $0 = loop }
    }

    /// Cuts the connection after `bytes` more received bytes (the bytes before the cut reach the
    /// printer when they form whole commands); fires once.
    public func dropConnection(afterBytes bytes: Int) { state.withLock { $0.dropAfter = bytes } }

    /// Connections accepted so far.
    public var connectionsAccepted: Int { state.withLock { $0.connections } }

    /// Bytes received over every connection.
    public var bytesReceived: Int { state.withLock { $0.bytesReceived } }

    /// Stops serving and closes the listening socket; waits for the loop to finish.
    public func stop() async {
        let loop = task.withLock { t -> Task<Void, Never>? in
            defer { t = nil }
            return t
        }
        loop?.cancel()
        await loop?.value
    }

    private func serve() async {
        var connection: Connection?
        defer {
            if let connection { Glibc.close(connection.socket) }
            Glibc.close(listener)
        }
        while !Task.isCancelled {
            var busy = false
            if connection == nil {
                let client = accept(listener, nil, nil)
                if client >= 0 {
                    _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                    connection = Connection(socket: client)
                    state.withLock { $0.connections += 1 }
                    busy = true
                }
            }
            if var current = connection {
                switch await receive(&current) {
                case .open(let gotBytes):
                    connection = current
                    busy = busy || gotBytes
                case .closed:
                    Glibc.close(current.socket)
                    connection = nil
                }
            }
            if !busy { try? await Task.sleep(for: .milliseconds(2)) }
        }
    }

    private enum Outcome { case open(gotBytes: Bool), closed }

    private func receive(_ connection: inout Connection) async -> Outcome {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(connection.socket, $0.baseAddress, $0.count, 0) }
        if count < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .open(gotBytes: false) : .closed }
        if count == 0 { return .closed }
        var received = Array(buffer[..<count])
        let cut = state.withLock { s -> Bool in
            s.bytesReceived += received.count
            guard let left = s.dropAfter, left <= received.count else {
                s.dropAfter = s.dropAfter.map { $0 - received.count }
                return false
            }
            received = Array(received[..<left])
            s.dropAfter = nil
            return true
        }
        connection.pending += received
        await process(&connection)
        return cut ? .closed : .open(gotBytes: true)
    }

    /// Answers real-time status requests at the head of the data, then hands every complete run of
    /// commands to the printer; an incomplete command waits for more bytes.
    private func process(_ connection: inout Connection) async {
        while !connection.pending.isEmpty {
            let head = connection.pending
            if head.count >= 3, head[0] == 0x10, head[1] == 0x04, let request = StatusRequest(rawValue: head[2]) {
                connection.pending.removeFirst(3)
                answer([await statusByte(request)], on: connection.socket)
                continue
            }
            if head.count < 3, head[0] == 0x10 { return }
            do {
                _ = try EscPosParser.parse(head)
            } catch where error.reason.contains("ends inside") {
                return
            } catch {}
            connection.pending = []
            try? await printer.print(head)
            let readBack = printer.readBack()
            if !readBack.isEmpty { answer(readBack, on: connection.socket) }
        }
    }

    private func statusByte(_ request: StatusRequest) async -> UInt8 {
        let status = (try? await printer.status()) ?? PrinterStatus(online: false)
        let offline = !status.online
        let reply: StatusReply = switch request {
        case .printer:
            .printer(drawerPin3High: status.drawerSensorHigh ?? false, offline: offline, waitingForRecovery: false,
                     feedButtonPressed: false)
        case .offlineCause:
            .offlineCause(coverOpen: status.coverOpen, feedingByButton: false, paperEndStop: status.paper == .out,
                          errorOccurred: status.mechanicalError)
        case .errorCause:
            .errorCause(mechanical: status.mechanicalError, autocutter: false, unrecoverable: false, autoRecoverable: false)
        case .paperSensor:
            .paperSensor(nearEnd: status.paper == .low, end: status.paper == .out)
        }
        return reply.byte
    }

    private func answer(_ bytes: [UInt8], on socket: Int32) {
        _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}

/// The virtual printer server could not listen.
public struct VirtualPrinterServerError: Error, Hashable, Sendable, CustomStringConvertible {
    public let call: String
    public let errno: Int32

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno)); pick another port or check the network setup"
    }
}
