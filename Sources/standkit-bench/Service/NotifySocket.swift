#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The benchmark's stand-in for systemd's notify socket: a unix datagram socket at a path, named
/// to standd in `$NOTIFY_SOCKET`, read without threads.
final class NotifySocket {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        var address = sockaddr_un()
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw BenchFailure("the notify socket path \(path) is too long for a unix socket; use a shorter TMPDIR")
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw BenchFailure("cannot open a unix datagram socket: \(String(cString: strerror(errno)))") }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw BenchFailure("cannot bind the notify socket \(path): \(reason)")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Waits for a datagram holding the line `line` until `deadline`, or until `abandoned()` says
    /// the sender is gone; returns when it came. Other messages are read and dropped.
    func wait(for line: String, until deadline: ContinuousClock.Instant, abandoned: () -> Bool) -> ContinuousClock.Instant? {
        while ContinuousClock.now < deadline, !abandoned() {
            if let message = receive(waitingMilliseconds: 50), message.split(separator: "\n").contains(Substring(line)) {
                return .now
            }
        }
        return nil
    }

    /// Reads and drops what has come: the kernel queues only a few datagrams, and standd's
    /// notifications block once the queue is full.
    func drain() {
        while receive(waitingMilliseconds: 0) != nil {}
    }

    private func receive(waitingMilliseconds: Int32) -> String? {
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, waitingMilliseconds) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : nil
    }
}
