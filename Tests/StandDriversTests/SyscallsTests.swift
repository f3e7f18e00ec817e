#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import StandDrivers

@Suite struct SyscallsTests {
    @Test func failuresNameTheCallThePathAndTheErrno() {
        do {
            _ = try Syscalls.open("/nonexistent/dev/usb/lp9", O_WRONLY)
            Issue.record("opening a missing device succeeded")
        } catch {
            #expect(error.call == "open")
            #expect(error.errno == ENOENT)
            #expect(error.meansDisconnected)
            #expect(error.description == "open on /nonexistent/dev/usb/lp9 failed: No such file or directory (errno 2)")
        }
    }

    @Test func pollTimesOutAndReadsWhatAPipeHolds() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { Syscalls.close(fds[0]); Syscalls.close(fds[1]) }
        #expect(try Syscalls.poll(fds[0], path: "pipe", events: Int16(POLLIN), milliseconds: 10) == 0)
        let sent: [UInt8] = [1, 2, 3]
        _ = try sent.withUnsafeBytes { try Syscalls.write(fds[1], path: "pipe", $0) }
        #expect(try Syscalls.poll(fds[0], path: "pipe", events: Int16(POLLIN), milliseconds: 1000) & Int16(POLLIN) != 0)
        var received = [UInt8](repeating: 0, count: 8)
        let count = try received.withUnsafeMutableBytes { try Syscalls.read(fds[0], path: "pipe", into: $0) }
        #expect(Array(received.prefix(count)) == sent)
    }
}
