#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import StandHardware
import Synchronization

/// A tiny gpsd stand-in on 127.0.0.1: listens, accepts the driver's connection and lets the test
/// read what the driver sent and write JSON lines back. Every wait is async (poll, then a short
/// sleep), so a test waiting for the driver never holds one of the few cooperative threads.
final class GPSDTestServer {
    let port: Int
    private var listener: Int32

    /// Listens on `port` (0: any free port).
    init(port: Int = 0) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw GPSDTestFailure("socket: errno \(errno)") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            let code = errno
            close(fd)
            throw GPSDTestFailure("bind/listen on 127.0.0.1:\(port): errno \(code)")
        }
        listener = fd
        self.port = Self.localPort(of: fd)
    }

    deinit { stop() }

    /// Stops listening; a driver connecting now is refused.
    func stop() {
        if listener >= 0 { close(listener) }
        listener = -1
    }

    /// The driver's connection, once it has connected.
    func accept(within timeout: Duration = .seconds(5)) async throws -> GPSDTestClient {
        try await waitUntil(timeout, "the driver to connect to 127.0.0.1:\(port)") {
            let fd = Glibc.accept(self.listener, nil, nil)
            guard fd >= 0 else { return nil }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            return GPSDTestClient(socket: fd)
        }
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        return address
    }

    static func localPort(of fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A loopback port nobody listens on right now.
    static func unusedPort() throws -> Int {
        let server = try GPSDTestServer()
        defer { server.stop() }
        return server.port
    }
}

/// The server's end of one driver connection.
final class GPSDTestClient {
    private var socket: Int32
    private var received: [UInt8] = []

    init(socket: Int32) { self.socket = socket }

    deinit { close() }

    /// Closes the connection, as gpsd does when it stops.
    func close() {
        if socket >= 0 { Glibc.close(socket) }
        socket = -1
    }

    /// Resets the connection (RST instead of an orderly close), as a crashed gpsd would.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Writes `text` as it is (the test adds the newlines).
    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw GPSDTestFailure("send to the driver: \(sent) of \(bytes.count) bytes, errno \(errno)") }
    }

    /// The next line the driver sent, without its newline.
    func receiveLine(within timeout: Duration = .seconds(5)) async throws -> String {
        try await waitUntil(timeout, "a line from the driver") {
            var buffer = [UInt8](repeating: 0, count: 1024)
            let count = buffer.withUnsafeMutableBytes { recv(self.socket, $0.baseAddress, $0.count, 0) }
            if count > 0 { self.received += buffer[..<count] }
            guard let newline = self.received.firstIndex(of: 0x0A) else { return nil }
            defer { self.received.removeFirst(newline + 1) }
            return String(decoding: self.received[..<newline], as: UTF8.self)
        }
    }
}

struct GPSDTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Tries `attempt` every few milliseconds until it gives a value or `timeout` passes.
func waitUntil<T>(_ timeout: Duration, _ what: String, _ attempt: () throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try attempt() { return value }
        guard ContinuousClock.now < deadline else { throw GPSDTestFailure("gave up waiting for \(what) after \(timeout)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Every event of a device from now on, collected in the background.
final class GPSDEventRecorder: Sendable {
    private final class Storage: Sendable {
        let events = Mutex<[DeviceEvent]>([])
    }

    private let storage = Storage()
    private let task: Task<Void, Never>

    init(_ stream: AsyncStream<DeviceEvent>) {
        let storage = storage
        task = Task {
            for await event in stream { storage.events.withLock { $0.append(event) } }
        }
    }

    deinit { task.cancel() }

    var events: [DeviceEvent] { storage.events.withLock { $0 } }

    var fixes: [LocationFix] {
        events.compactMap { if case .locationFix(let fix) = $0 { fix } else { nil } }
    }

    /// Waits until the events so far satisfy `done`; false when `timeout` passed first.
    func wait(within timeout: Duration = .seconds(5), until done: ([DeviceEvent]) -> Bool) async -> Bool {
        (try? await waitUntil(timeout, "events") { done(events) ? true : nil }) ?? false
    }

    func waitForFixes(_ count: Int, within timeout: Duration = .seconds(5)) async -> [LocationFix] {
        _ = await wait(within: timeout) { events in
            events.count { if case .locationFix = $0 { true } else { false } } >= count
        }
        return fixes
    }
}

/// A clock the test moves by hand, for the age of fixes.
final class GPSDTestClock: Sendable {
    private let start = ContinuousClock.now
    private let offset = Mutex(Duration.zero)

    func advance(by duration: Duration) { offset.withLock { $0 += duration } }

    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
}

/// A swift-log handler that keeps the messages, so a test can see what the driver logged.
struct GPSDRecordingLogHandler: LogHandler {
    final class Messages: Sendable {
        let entries = Mutex<[(level: Logger.Level, message: String)]>([])

        func count(of message: String, at level: Logger.Level? = nil) -> Int {
            entries.withLock { $0.count { $0.message == message && (level == nil || $0.level == level) } }
        }
    }

    let messages: Messages
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        messages.entries.withLock { $0.append((event.level, event.message.description)) }
    }

    /// A logger for the driver and the messages it will keep.
    static func logger() -> (Logger, Messages) {
        let messages = Messages()
        return (Logger(label: "test.gpsd") { _ in GPSDRecordingLogHandler(messages: messages) }, messages)
    }
}
