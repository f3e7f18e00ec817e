#if canImport(Glibc)
import Glibc
#endif
import StandHardware
@testable import StandDrivers
import Testing

@Suite struct TCPTerminalLineTests {
    /// A card terminal's ECR port on 127.0.0.1: a listening socket on a port of the kernel's choice.
    final class Listener {
        let fd: Int32
        let port: UInt16

        /// `listening` false: the port is bound but nobody accepts, so connecting is refused.
        init(listening: Bool = true) throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            try #require(fd >= 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
                }
            }
            try #require(bound, "bind: errno \(errno)")
            if listening { try #require(listen(fd, 4) == 0) }
            port = UInt16(bigEndian: address.sin_port)
        }

        deinit { close(fd) }

        /// The stand's connection, once it came in.
        func accept(within limit: Duration = .seconds(5)) async throws -> Peer {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline {
                let peer = Glibc.accept(fd, nil, nil)
                if peer >= 0 {
                    _ = fcntl(peer, F_SETFD, FD_CLOEXEC)
                    _ = fcntl(peer, F_SETFL, fcntl(peer, F_GETFL) | O_NONBLOCK)
                    return Peer(fd: peer)
                }
                try await Task.sleep(for: .milliseconds(2))
            }
            throw LineTestError(message: "nobody connected within \(limit)")
        }
    }

    /// The terminal's end of one connection.
    final class Peer {
        private(set) var fd: Int32?

        init(fd: Int32) { self.fd = fd }
        deinit { close() }

        func send(_ bytes: [UInt8]) throws {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd ?? -1, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            try #require(sent == bytes.count, "send: errno \(errno)")
        }

        func receive(count: Int, within limit: Duration = .seconds(5)) async -> [UInt8] {
            let deadline = ContinuousClock.now + limit
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 512)
            while received.count < count, ContinuousClock.now < deadline {
                let read = buffer.withUnsafeMutableBytes { recv(fd ?? -1, $0.baseAddress, $0.count, 0) }
                if read > 0 { received += buffer[..<read] } else { try? await Task.sleep(for: .milliseconds(2)) }
            }
            return received
        }

        /// Shuts the connection down before closing, so the stand sees it end even when a process
        /// another test spawned inherited the descriptor before it was made close-on-exec.
        func close() {
            if let fd {
                shutdown(fd, Int32(SHUT_RDWR))
                Glibc.close(fd)
            }
            fd = nil
        }
    }

    static func read(_ line: TCPTerminalLine, count: Int, within limit: Duration = .seconds(5)) async throws -> [UInt8] {
        let deadline = ContinuousClock.now + limit
        var received: [UInt8] = []
        while received.count < count, ContinuousClock.now < deadline {
            received += try await line.read(maxCount: count - received.count, timeout: .milliseconds(200))
        }
        return received
    }

    @Test func carriesEveryByteValueBothWaysWithoutFraming() async throws {
        let listener = try Listener()
        let line = TCPTerminalLine(host: "127.0.0.1", port: listener.port, connectTimeout: .seconds(5))
        #expect(!line.needsFraming)
        try await line.open()
        let peer = try await listener.accept()

        let everyByte = (0...255).map(UInt8.init)
        try await line.write(everyByte)
        #expect(await peer.receive(count: 256) == everyByte)
        try peer.send(everyByte.reversed())
        #expect(try await Self.read(line, count: 256) == everyByte.reversed())

        let clock = ContinuousClock()
        let start = clock.now
        #expect(try await line.read(maxCount: 8, timeout: .milliseconds(200)).isEmpty)
        #expect(clock.now - start >= .milliseconds(200))
        await line.close()
        await line.close()
    }

    @Test func looksUpAHostName() async throws {
        let listener = try Listener()
        let line = TCPTerminalLine(host: "localhost", port: listener.port)
        try await line.open()
        let peer = try await listener.accept()
        try await line.write([0x06, 0x00, 0x00])
        #expect(await peer.receive(count: 3) == [0x06, 0x00, 0x00])
    }

    @Test func discardInputDropsWhatArrivedUnread() async throws {
        let listener = try Listener()
        let line = TCPTerminalLine(host: "127.0.0.1", port: listener.port)
        try await line.open()
        let peer = try await listener.accept()

        try peer.send([0xAA, 0xBB, 0xCC, 0xDD])
        #expect(try await Self.read(line, count: 1) == [0xAA])
        await line.discardInput()
        try peer.send([0x80, 0x00, 0x00])
        #expect(try await Self.read(line, count: 3) == [0x80, 0x00, 0x00])
    }

    @Test func aConnectionTheTerminalClosesIsDisconnectedAndOpensAgain() async throws {
        let listener = try Listener()
        let line = TCPTerminalLine(host: "127.0.0.1", port: listener.port)
        try await line.open()
        let peer = try await listener.accept()

        let pending = Task { try await line.read(maxCount: 16, timeout: .seconds(20)) }
        try await Task.sleep(for: .milliseconds(100))
        peer.close()
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: DeviceError.self) { try await pending.value }
        #expect(error?.code == .disconnected)
        #expect(error?.summary == "The connection to the card terminal at 127.0.0.1:\(listener.port) was lost.")
        #expect(clock.now - start < .seconds(10), "the closed connection was only noticed at the read's timeout")
        let later = await #expect(throws: DeviceError.self) { try await line.write([0x06]) }
        #expect(later?.code == .disconnected)

        try await line.open()
        let again = try await listener.accept()
        try again.send([0x04, 0x0F])
        #expect(try await Self.read(line, count: 2) == [0x04, 0x0F])
    }

    @Test func aRefusedConnectionNamesHostAndPort() async throws {
        let closed = try Listener(listening: false)
        let line = TCPTerminalLine(host: "127.0.0.1", port: closed.port, connectTimeout: .seconds(5))
        let error = await #expect(throws: DeviceError.self) { try await line.open() }
        #expect(error?.code == .notFound)
        #expect(error?.summary == "The card terminal at 127.0.0.1:\(closed.port) refuses the connection.")
        #expect(error?.action.contains("port \(closed.port)") == true)
        #expect(error?.detail?.contains("Connection refused") == true)
    }

    @Test func anUnknownHostNameIsWorded() async {
        let line = TCPTerminalLine(host: "no-such-card-terminal.invalid")
        let error = await #expect(throws: DeviceError.self) { try await line.open() }
        #expect(error?.code == .notFound)
        #expect(error?.summary == "The card terminal's host name no-such-card-terminal.invalid cannot be found.")
    }

    @Test func readingBeforeConnectingIsRefused() async {
        let line = TCPTerminalLine(host: "127.0.0.1")
        let error = await #expect(throws: DeviceError.self) { try await line.read(maxCount: 1, timeout: .milliseconds(10)) }
        #expect(error?.code == .wrongState)
    }
}
