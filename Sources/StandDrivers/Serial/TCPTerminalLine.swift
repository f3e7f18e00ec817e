#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// A card terminal on the network: the terminal listens (ZVT usually on port 20007) and the card
/// protocol's messages travel bare, without serial framing. Non-blocking socket, Nagle off so
/// each message leaves at once, every wait polled with a deadline. A connection the terminal
/// closes or that breaks is reported `.disconnected`; `open()` connects again.
public actor TCPTerminalLine: TerminalLine {
    public nonisolated let host: String
    public nonisolated let port: UInt16
    public nonisolated let connectTimeout: Duration
    /// How long the terminal may stop taking data before a write fails.
    public nonisolated let writeTimeout: Duration
    public nonisolated var needsFraming: Bool { false }
    /// "192.168.1.50:20007", for errors.
    private let address: String
    private var line = LineState.closed
    /// Counts opens and closes, so a connect that finishes after a newer `open()` or a `close()`
    /// does not take the line over.
    private var generation = 0

    public init(host: String, port: UInt16 = 20007, connectTimeout: Duration = .seconds(5), writeTimeout: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
        self.writeTimeout = writeTimeout
        address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Connects (again), trying each address of the host in turn within `connectTimeout`.
    public func open() async throws(DeviceError) {
        line.close()
        generation += 1
        let opening = generation
        let deadline = ContinuousClock.now + connectTimeout
        let addresses: [SocketAddress]
        do { addresses = try await HostResolver.addresses(of: host, port: port) } catch {
            throw DeviceError(code: .notFound, summary: "The card terminal's host name \(host) cannot be found.",
                              action: "Check the name in the card terminal's settings, or give the terminal's IP address.", detail: error.message)
        }
        var failure = SystemCallError(call: "connect", path: address, errno: EHOSTUNREACH)
        for target in addresses {
            let descriptor: LineDescriptor
            do { descriptor = try await connect(to: target, until: deadline) } catch {
                guard case .failed(let error) = error else {
                    throw DeviceError(code: .timeout, summary: "The card terminal at \(address) did not answer within \(connectTimeout).",
                                      action: "Check that it is on and on the stand's network; the stand tries again.",
                                      detail: "connect to \(address): \(Task.isCancelled ? "cancelled" : "timed out")")
                }
                failure = error
                continue
            }
            guard generation == opening else {
                descriptor.close()
                throw .wrongState(.closed, "connect")
            }
            line = .open(descriptor)
            return
        }
        throw connectError(failure)
    }

    public func write(_ bytes: [UInt8]) async throws(DeviceError) {
        let descriptor = try line.descriptor(for: "write")
        do {
            try await descriptor.send(bytes, until: .now + writeTimeout)
        } catch {
            throw fail(descriptor, error, "write")
        }
    }

    public func read(maxCount: Int, timeout: Duration) async throws(DeviceError) -> [UInt8] {
        let descriptor = try line.descriptor(for: "read")
        guard maxCount > 0 else { return [] }
        do {
            return try await descriptor.receive(maxCount: maxCount, until: .now + timeout)
        } catch {
            throw fail(descriptor, error, "read")
        }
    }

    /// Reads and drops what has arrived. A connection that is gone is left for the next read or
    /// write to report.
    public func discardInput() async {
        guard case .open(let descriptor) = line else { return }
        while (try? descriptor.readAvailable(maxCount: 4096)) != nil {}
    }

    public func close() async {
        generation += 1
        line.close()
    }

    /// Why one connection attempt failed.
    private enum AttemptFailure: Error {
        case failed(SystemCallError)
        /// The deadline came first (or the task was cancelled).
        case timedOut
    }

    private func connect(to target: SocketAddress, until deadline: ContinuousClock.Instant) async throws(AttemptFailure) -> LineDescriptor {
        let fd: Int32
        do {
            fd = try Syscalls.socket(target.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                                     path: address)
        } catch {
            throw .failed(error)
        }
        let descriptor = LineDescriptor(adopting: fd, name: address, isSocket: true)
        var target = target
        do throws(SystemCallError) {
            try Syscalls.setsockopt(fd, path: address, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            try withUnsafePointer(to: &target.storage) { storage throws(SystemCallError) in
                try storage.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress throws(SystemCallError) in
                    try Syscalls.connect(fd, path: address, socketAddress, target.length)
                }
            }
            return descriptor
        } catch where error.errno == EINPROGRESS {
            // Finished below, once the socket is writable.
        } catch {
            throw .failed(error)
        }
        let ready: Int16
        do { ready = try await descriptor.wait(for: Int16(POLLOUT), until: deadline) } catch { throw .failed(error) }
        guard ready != 0 else { throw .timedOut }
        do throws(SystemCallError) {
            let code = try Syscalls.socketError(fd, path: address)
            if code != 0 { throw SystemCallError(call: "connect", path: address, errno: code) }
        } catch {
            throw .failed(error)
        }
        return descriptor
    }

    private func connectError(_ error: SystemCallError) -> DeviceError {
        switch error.errno {
        case ECONNREFUSED:
            return DeviceError(code: .notFound, summary: "The card terminal at \(address) refuses the connection.",
                               action: "Check that the terminal is on and takes the cash register over TCP on port \(port), and that the address in the settings is right.",
                               detail: error.description)
        case EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN, ETIMEDOUT:
            return DeviceError(code: .notFound, summary: "The card terminal at \(address) cannot be reached.",
                               action: "Check that the terminal is on and on the stand's network (cable or Wi-Fi), and that the address in the settings is right.",
                               detail: error.description)
        default:
            return .io(.paymentTerminal, detail: error.description)
        }
    }

    /// A failed read or write: a stalled write is a timeout and keeps the connection; anything
    /// else closes it, a closed or broken connection as `.disconnected`.
    private func fail(_ descriptor: LineDescriptor, _ failure: LineDescriptor.Failure, _ operation: String) -> DeviceError {
        let detail = "\(operation) on \(address): \(failure.detail)"
        if case .timedOut = failure { return .timeout(.paymentTerminal, operation, detail: "\(detail) (\(writeTimeout) allowed)") }
        guard descriptor.fd != nil else { return line.closedMeanwhile(operation) }
        let error = failure.meansDisconnected
            ? DeviceError(code: .disconnected, summary: "The connection to the card terminal at \(address) was lost.",
                          action: "The stand connects again by itself; if it keeps happening, check the terminal's power and network.",
                          detail: detail)
            : DeviceError.io(.paymentTerminal, detail: detail)
        line.lose(descriptor, because: error)
        return error
    }
}
