#if canImport(Glibc)
import Glibc
#endif
import StandHardware
@testable import StandDrivers
import Synchronization
import Testing

@Suite struct DeviceFilePrinterStatusTests {
    /// A pseudo-terminal in raw mode standing in for a printer that answers DLE EOT: the driver
    /// opens the slave path, the test answers on the master.
    final class AnsweringLine: Sendable {
        let master: Int32
        let path: String
        let received = Mutex<[UInt8]>([])

        /// The master is opened close-on-exec: a process another test spawns meanwhile must not
        /// inherit it, or closing it here would not hang up the line.
        init() throws {
            let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
            var unlock: Int32 = 0, number: UInt32 = 0
            // TIOCSPTLCK (unlock the pair) and TIOCGPTN (its number under /dev/pts).
            try #require(master >= 0 && ioctl(master, 0x4004_5431, &unlock) == 0 && ioctl(master, 0x8004_5430, &number) == 0,
                         "opening a pseudo-terminal: errno \(errno)")
            self.master = master
            path = "/dev/pts/\(number)"
            let slave = Glibc.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
            try #require(slave >= 0, "open \(path): errno \(errno)")
            var settings = termios()
            tcgetattr(slave, &settings)
            cfmakeraw(&settings)
            tcsetattr(slave, TCSANOW, &settings)
            Glibc.close(slave)
        }

        /// Answers each DLE EOT n with `reply(n)` until cancelled.
        func answer(_ reply: @escaping @Sendable (StatusRequest) -> UInt8) -> Task<Void, Never> {
            Task.detached { [self] in
                var pending: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 256)
                while !Task.isCancelled {
                    let count = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
                    if count > 0 {
                        pending += buffer[..<count]
                        received.withLock { $0 += buffer[..<count] }
                    }
                    while pending.count >= 3, pending[0] == 0x10, pending[1] == 0x04, let request = StatusRequest(rawValue: pending[2]) {
                        pending.removeFirst(3)
                        var byte = reply(request)
                        _ = Glibc.write(master, &byte, 1)
                    }
                    if let start = pending.firstIndex(of: 0x10), start > 0 { pending.removeFirst(start) }
                    if pending.first != 0x10 { pending = [] }
                    try? await Task.sleep(for: .milliseconds(1))
                }
            }
        }
    }

    @Test func readsTheStatusTheDeviceAnswersAndIsDisconnectedWhenTheLineGoes() async throws {
        let line = try AnsweringLine()
        let responder = line.answer { request in
            switch request {
            case .printer: StatusReply.printer(drawerPin3High: false, offline: false, waitingForRecovery: false, feedButtonPressed: false).byte
            case .offlineCause: StatusReply.offlineCause(coverOpen: false, feedingByButton: false, paperEndStop: false, errorOccurred: false).byte
            case .errorCause: StatusReply.errorCause(mechanical: false, autocutter: false, unrecoverable: false, autoRecoverable: false).byte
            case .paperSensor: StatusReply.paperSensor(nearEnd: true, end: false).byte
            }
        }
        let driver = DeviceFileReceiptPrinter(settings: .init(path: line.path, writeTimeout: .seconds(2), statusTimeout: .seconds(2)))
        try await driver.open()
        try await driver.claim()
        try await driver.enable()
        let status = try await driver.status()
        #expect(status.paper == .low)
        #expect(status.online && !status.coverOpen)
        try await driver.print(NetworkPrinterTests.job(["paper low still prints"]))
        try await Task.sleep(for: .milliseconds(50))
        let received = line.received.withLock { $0 }
        #expect(received.firstRange(of: Array("paper low still prints".utf8)) != nil)

        responder.cancel()
        await responder.value
        Glibc.close(line.master)
        let failure = await #expect(throws: DeviceError.self) { try await driver.print(NetworkPrinterTests.job()) }
        #expect(failure?.code == .disconnected)
        #expect(await driver.state == .disconnected)
    }
}
