import Foundation
import Testing
@testable import StandDrivers
#if canImport(Glibc)
import Glibc
#endif

/// StandDrivers' sockets and standard streams on their own: what their errors say and that the
/// bytes arrive. Their use with a peer in real time is in StandAppTests' ControlServer suites.
@Suite struct SocketsTests {
    static func scratchPath() throws -> String {
        let directory = "/tmp/standkit-sockets-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/test.sock"
    }

    @Test func datagramAddressesArePathsOrAbstractNamesThatFit() {
        #expect(throws: SocketError.notAnAddress("relative.sock")) { try UnixDatagramSender(address: "relative.sock") }
        #expect(throws: SocketError.notAnAddress("@")) { try UnixDatagramSender(address: "@") }
        let long = "/" + String(repeating: "x", count: 200)
        #expect(throws: SocketError.pathTooLong(long)) { try UnixDatagramSender(address: long) }
        #expect((try? UnixDatagramSender(address: "@standkit-test")) != nil)
    }

    @Test func connectingWhereNobodyListensSaysSo() throws {
        let path = try Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        do {
            _ = try StreamConnection.connect(unixSocket: path)
            Issue.record("connected to \(path), where nothing listens")
        } catch {
            guard case .system(let failure) = error else { Issue.record("\(error)"); return }
            #expect(failure.call == "connect" && failure.meansNobodyListening, "\(failure)")
        }
    }

    @Test func aListenerAnswersAConnectionAndItsFileIsGoneOnClose() throws {
        let path = try Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let listener = try ListeningSocket.unix(path: path, group: nil)
        #expect(throws: SocketError.unknownGroup("no-such-group-standkit")) {
            try ListeningSocket.unix(path: path + "x", group: "no-such-group-standkit")
        }
        let client = try StreamConnection.connect(unixSocket: path)
        let server = try #require(try listener.accept(waitingMilliseconds: 5000))
        try client.writeAll(Array("ping".utf8))
        try server.setTimeouts(seconds: 5)
        #expect(try server.read(maxCount: 16) == Array("ping".utf8))
        client.close()
        #expect(try server.read(maxCount: 16).isEmpty, "end of stream once the client closed")
        #expect(try listener.accept(waitingMilliseconds: 0) == nil)
        #expect(throws: SocketError.inUse(path)) { try ListeningSocket.unix(path: path, group: nil) }
        listener.close()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aLogLineIsOneWriteAndReadsWaitOnlySoLong() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { Syscalls.close(fds[0]) }
        let reading = StandardStream(descriptor: fds[0], name: "pipe")
        #expect(try reading.read(maxCount: 64, waitingMilliseconds: 10) == [])
        try StandardStream(descriptor: fds[1], name: "pipe").writeLine("<6>standkit: hello\n")
        #expect(try reading.read(maxCount: 64, waitingMilliseconds: 1000) == Array("<6>standkit: hello\n".utf8))
        Syscalls.close(fds[1])
        #expect(try reading.read(maxCount: 64, waitingMilliseconds: 1000) == nil, "end of input")
    }
}
