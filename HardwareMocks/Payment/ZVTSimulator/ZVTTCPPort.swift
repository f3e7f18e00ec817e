#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The card terminal on the network: listens on 127.0.0.1 and serves one ECR connection at a
/// time; when the ECR disconnects it accepts the next. APDUs travel bare (no framing, no ACK).
final class ZVTTCPPort: ZVTSimulatorPort {
    let port: Int
    private let listener: Int32
    private let client = Atomic<Int32>(-1)
    private let wakeSignal: ZVTWakeSignal

    var isFramed: Bool { false }

    init(port: Int) throws(ZVTSimulatorError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ZVTSimulatorError(call: "socket", errno: errno) }
        var address = sockaddr_in()
        do throws(ZVTSimulatorError) {
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(clamping: port).bigEndian)
            address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { throw ZVTSimulatorError(call: "bind 127.0.0.1:\(port)", errno: errno) }
            guard listen(fd, 4) == 0 else { throw ZVTSimulatorError(call: "listen on 127.0.0.1:\(port)", errno: errno) }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard named == 0 else { throw ZVTSimulatorError(call: "getsockname", errno: errno) }
            wakeSignal = try ZVTWakeSignal()
        } catch {
            Glibc.close(fd)
            throw error
        }
        listener = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func awaitConnection() -> Bool {
        while true {
            guard ZVTPoll.wait(listener, for: Int16(POLLIN), wake: wakeSignal, until: nil) == .ready else { return false }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            client.store(fd, ordering: .relaxed)
            return true
        }
    }

    func read(until deadline: ContinuousClock.Instant?) -> ZVTPortRead {
        let fd = client.load(ordering: .relaxed)
        guard fd >= 0 else { return .closed }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            switch ZVTPoll.wait(fd, for: Int16(POLLIN), wake: wakeSignal, until: deadline) {
            case .stopped: return .stopped
            case .timedOut: return .timedOut
            case .ready: break
            }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { return .bytes(Array(buffer[..<count])) }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
            return .closed
        }
    }

    func write(_ bytes: [UInt8]) -> Bool {
        let fd = client.load(ordering: .relaxed)
        guard fd >= 0 else { return false }
        return ZVTPoll.writeAll(bytes, to: fd, wake: wakeSignal) { fd, buffer in
            send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
        }
    }

    func endConnection() {
        let fd = client.exchange(-1, ordering: .relaxed)
        if fd >= 0 { Glibc.close(fd) }
    }

    func wake() {
        wakeSignal.signal()
    }

    func close() {
        endConnection()
        Glibc.close(listener)
        wakeSignal.close()
    }
}
