#if canImport(Glibc)
import Glibc
#endif
import HardwareMocks
import StandHardware
@testable import StandDrivers
import Testing

@Suite(.serialized) struct DeviceFilePrinterTests {
    /// A FIFO standing in for /dev/usb/lp0, removed when the test ends.
    final class FIFO {
        let path: String

        init() throws {
            path = "/tmp/standkit-lp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try #require(mkfifo(path, 0o600) == 0)
        }

        deinit { unlink(path) }

        /// Everything written so far, read without blocking.
        func drain() throws -> [UInt8] {
            let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK)
            try #require(fd >= 0)
            defer { Glibc.close(fd) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                bytes += buffer[..<count]
            }
            return bytes
        }
    }

    static func start(_ driver: DeviceFileReceiptPrinter) async throws {
        try await driver.open()
        try await driver.claim()
        try await driver.enable()
    }

    @Test func aJobWrittenToTheFileDecodesToTheSameReceipt() async throws {
        let fifo = try FIFO()
        let driver = DeviceFileReceiptPrinter(settings: .init(path: fifo.path, writeTimeout: .seconds(2), readsStatus: false))
        try await Self.start(driver)
        try await driver.print(NetworkPrinterTests.job())
        let written = try fifo.drain()
        #expect(written == NetworkPrinterTests.job())

        let printer = try await NetworkPrinterTests.enabledVirtualPrinter()
        try await printer.print(written)
        #expect(printer.lastReceipt?.lines.filter { !$0.isEmpty } == NetworkPrinterTests.lines)
        let unsupported = await #expect(throws: DeviceError.self) { try await driver.status() }
        #expect(unsupported?.code == .unsupported)
        await driver.close()
        #expect(await driver.state == .closed)
    }

    @Test func aPrinterThatStopsTakingDataTimesOutInsteadOfBlocking() async throws {
        let fifo = try FIFO()
        let driver = DeviceFileReceiptPrinter(settings: .init(path: fifo.path, writeTimeout: .milliseconds(200), readsStatus: false))
        try await Self.start(driver)
        let job = NetworkPrinterTests.job((1...4000).map { "Line \($0) of a receipt nobody takes" })
        let clock = ContinuousClock()
        let started = clock.now
        let failure = await #expect(throws: DeviceError.self) { try await driver.print(job) }
        #expect(clock.now - started < .seconds(3))
        #expect(failure?.code == .timeout)
        #expect(failure?.description.lowercased().contains("the printer stopped taking data: check paper and cover") == true)
        #expect(failure?.detail?.contains(fifo.path) == true)
        #expect(await driver.state == .enabled)
    }

    @Test func aMissingDeviceFileIsNotFound() async throws {
        let driver = DeviceFileReceiptPrinter(settings: .init(path: "/tmp/standkit-no-such-lp-\(getpid())"))
        let failure = await #expect(throws: DeviceError.self) { try await driver.open() }
        #expect(failure?.code == .notFound)
        #expect(await driver.state == .closed)
    }
}
