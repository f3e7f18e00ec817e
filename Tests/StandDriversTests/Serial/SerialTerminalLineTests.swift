#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandHardware
@testable import StandDrivers
import Testing

@Suite struct SerialTerminalLineTests {
    static let everyByte = (0...255).map(UInt8.init)

    /// A second descriptor on the slave, opened before the driver takes the port exclusively, to
    /// look at what the driver set.
    static func inspect(_ terminal: PseudoTerminal) throws -> Int32 {
        let fd = Glibc.open(terminal.path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        try #require(fd >= 0, "open \(terminal.path): errno \(errno)")
        return fd
    }

    /// Everything the line reads until `count` bytes are there or `limit` has passed.
    static func read(_ line: SerialTerminalLine, count: Int, within limit: Duration = .seconds(5)) async throws -> [UInt8] {
        let deadline = ContinuousClock.now + limit
        var received: [UInt8] = []
        while received.count < count, ContinuousClock.now < deadline {
            received += try await line.read(maxCount: count - received.count, timeout: .milliseconds(200))
        }
        return received
    }

    @Test func opensTheSlaveRawAtTheConfiguredSpeedAndStopBits() async throws {
        let terminal = try PseudoTerminal()
        let inspector = try Self.inspect(terminal)
        defer { Glibc.close(inspector) }
        let line = SerialTerminalLine(settings: .init(path: terminal.path, baudRate: 115_200, stopBits: .two))
        #expect(line.needsFraming)
        try await line.open()

        var settings = termios()
        #expect(tcgetattr(inspector, &settings) == 0)
        #expect(cfgetispeed(&settings) == speed_t(B115200))
        #expect(cfgetospeed(&settings) == speed_t(B115200))
        #expect(settings.c_lflag & tcflag_t(ICANON | ECHO | ECHONL | ISIG | IEXTEN) == 0)
        #expect(settings.c_iflag & tcflag_t(ICRNL | INLCR | IGNCR | IXON | IXOFF | ISTRIP) == 0)
        #expect(settings.c_oflag & tcflag_t(OPOST) == 0)
        #expect(settings.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        #expect(settings.c_cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
        #expect(settings.c_cflag & tcflag_t(CSTOPB) != 0)
        #expect(settings.c_cflag & tcflag_t(CRTSCTS) == 0)
        let characters = withUnsafeBytes(of: settings.c_cc) { Array($0) }
        #expect(characters[Int(VMIN)] == 0 && characters[Int(VTIME)] == 0)
    }

    @Test func carriesEveryByteValueUnchangedBothWays() async throws {
        let terminal = try PseudoTerminal()
        let line = SerialTerminalLine(settings: .init(path: terminal.path))
        try await line.open()

        try await line.write(Self.everyByte)
        #expect(await terminal.receive(count: 256) == Self.everyByte)
        try terminal.send(Self.everyByte)
        #expect(try await Self.read(line, count: 256) == Self.everyByte)
    }

    @Test func readReturnsNothingAfterAboutTheTimeAsked() async throws {
        let terminal = try PseudoTerminal()
        let line = SerialTerminalLine(settings: .init(path: terminal.path))
        try await line.open()

        let clock = ContinuousClock()
        let start = clock.now
        let bytes = try await line.read(maxCount: 16, timeout: .milliseconds(300))
        let elapsed = clock.now - start
        #expect(bytes.isEmpty)
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(3), "read took \(elapsed)")
    }

    @Test func readReturnsAsSoonAsBytesArriveAndAtMostMaxCount() async throws {
        let terminal = try PseudoTerminal()
        let line = SerialTerminalLine(settings: .init(path: terminal.path))
        try await line.open()

        let first = Task { try await line.read(maxCount: 16, timeout: .seconds(20)) }
        try await Task.sleep(for: .milliseconds(100))
        try terminal.send([0x10, 0x02])
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try await first.value == [0x10, 0x02])
        #expect(clock.now - start < .seconds(10), "the read waited for its timeout instead of the bytes")

        try terminal.send([0x06, 0x00, 0x03, 0x10, 0x03])
        #expect(try await Self.read(line, count: 3) == [0x06, 0x00, 0x03])
        #expect(try await Self.read(line, count: 2) == [0x10, 0x03])
    }

    @Test func discardInputDropsWhatWasNotRead() async throws {
        let terminal = try PseudoTerminal()
        let inspector = try Self.inspect(terminal)
        defer { Glibc.close(inspector) }
        let line = SerialTerminalLine(settings: .init(path: terminal.path))
        try await line.open()

        try terminal.send([0xAA, 0xBB, 0xCC])
        var waiting: Int32 = 0
        let deadline = ContinuousClock.now + .seconds(5)
        while waiting < 3, ContinuousClock.now < deadline {
            #expect(ioctl(inspector, UInt(TIOCINQ), &waiting) == 0)
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(waiting == 3, "the stray bytes never reached the port")
        await line.discardInput()
        try terminal.send([0x06])
        #expect(try await Self.read(line, count: 1) == [0x06])
    }

    @Test func aSecondLineOnTheSamePortIsBusyUntilTheFirstCloses() async throws {
        let terminal = try PseudoTerminal()
        let first = SerialTerminalLine(settings: .init(path: terminal.path))
        let second = SerialTerminalLine(settings: .init(path: terminal.path))
        try await first.open()

        let error = await #expect(throws: DeviceError.self) { try await second.open() }
        #expect(error?.code == .busy)
        #expect(error?.summary == "The card terminal's serial port \(terminal.path) is in use by another program.")

        await first.close()
        await first.close()
        try await second.open()
        await second.close()
    }

    /// Exclusive mode is the port's: left on after close, it would refuse the next open of a
    /// non-root standd while anything else (a simulator's pty, a getty) holds the port.
    @Test func exclusiveModeIsOnWhileOpenAndGivenBackOnClose() async throws {
        let terminal = try PseudoTerminal()
        let inspector = try Self.inspect(terminal)
        defer { Glibc.close(inspector) }
        func exclusive() -> Int32 {
            var flag: Int32 = -1
            // TIOCGEXCL = _IOR('T', 0x40, int), the same on x86_64 and arm64.
            _ = Glibc.ioctl(inspector, UInt(0x8004_5440), &flag)
            return flag
        }
        let line = SerialTerminalLine(settings: .init(path: terminal.path))
        try await line.open()
        #expect(exclusive() == 1)
        await line.close()
        #expect(exclusive() == 0)
        try await line.open()
        #expect(exclusive() == 1)
        try await line.open()
        #expect(exclusive() == 1, "reopening gives the mode back and takes it again")
        await line.close()
        #expect(exclusive() == 0)
    }

    @Test func aHungUpLineIsDisconnectedForThePendingReadAndAfter() async throws {
        let terminal = try PseudoTerminal()
        let line = SerialTerminalLine(settings: .init(path: terminal.path))
        try await line.open()

        let pending = Task { try await line.read(maxCount: 16, timeout: .seconds(20)) }
        try await Task.sleep(for: .milliseconds(100))
        terminal.hangUp()
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: DeviceError.self) { try await pending.value }
        #expect(error?.code == .disconnected)
        #expect(clock.now - start < .seconds(10), "the hang-up was only noticed at the read's timeout")

        let later = await #expect(throws: DeviceError.self) { try await line.write([0x06]) }
        #expect(later?.code == .disconnected)
    }

    @Test func opensTheSamePathAgainWhenTheAdapterIsPluggedBackIn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serial-by-id-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("usb-FTDI_FT232R_USB_UART_A10K1234-if00-port0").path

        let before = try PseudoTerminal()
        #expect(symlink(before.path, link) == 0)
        let line = SerialTerminalLine(settings: .init(path: link))
        try await line.open()
        try await line.write([0x01])
        #expect(await before.receive(count: 1) == [0x01])

        // Unplugged: the line hangs up and udev removes the by-id link.
        before.hangUp()
        unlink(link)
        let lost = await #expect(throws: DeviceError.self) { try await line.read(maxCount: 1, timeout: .seconds(10)) }
        #expect(lost?.code == .disconnected)
        let missing = await #expect(throws: DeviceError.self) { try await line.open() }
        #expect(missing?.code == .notFound)

        // Plugged back in: a new device behind the same link.
        let after = try PseudoTerminal()
        #expect(symlink(after.path, link) == 0)
        try await line.open()
        try await line.write([0x02])
        #expect(await after.receive(count: 1) == [0x02])
        try after.send([0x03])
        #expect(try await Self.read(line, count: 1) == [0x03])
    }

    @Test func aMissingPortSaysToCheckTheCable() async {
        let line = SerialTerminalLine(settings: .init(path: "/dev/serial/by-id/usb-no-such-card-terminal-if00"))
        let error = await #expect(throws: DeviceError.self) { try await line.open() }
        #expect(error?.code == .notFound)
        #expect(error?.summary == "No serial port at /dev/serial/by-id/usb-no-such-card-terminal-if00: is the card terminal's cable plugged in?")
        #expect(error?.detail?.contains("No such file or directory") == true)
    }

    @Test func aFileThatIsNoTerminalIsNotASerialPort() async {
        let line = SerialTerminalLine(settings: .init(path: "/dev/null"))
        let error = await #expect(throws: DeviceError.self) { try await line.open() }
        #expect(error?.code == .unsupported)
        #expect(error?.summary == "/dev/null is not a serial port.")
    }

    @Test func anUnsupportedBaudRateIsRefusedInWords() async {
        let line = SerialTerminalLine(settings: .init(path: "/dev/ttyUSB0", baudRate: 9601))
        let error = await #expect(throws: DeviceError.self) { try await line.open() }
        #expect(error?.code == .invalidInput)
        #expect(error?.summary == "The card terminal's baud rate 9601 is not one a serial port runs at.")
        #expect(error?.action.contains("1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400") == true)
    }

    @Test func readingAClosedLineIsRefused() async {
        let line = SerialTerminalLine(settings: .init(path: "/dev/ttyUSB0"))
        let error = await #expect(throws: DeviceError.self) { try await line.read(maxCount: 1, timeout: .milliseconds(10)) }
        #expect(error?.code == .wrongState)
    }

    @Test func cancellingAReadEndsItsWait() async throws {
        let terminal = try PseudoTerminal()
        let line = SerialTerminalLine(settings: .init(path: terminal.path))
        try await line.open()

        let clock = ContinuousClock()
        let start = clock.now
        let pending = Task { try await line.read(maxCount: 16, timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(100))
        pending.cancel()
        #expect(try await pending.value.isEmpty)
        #expect(clock.now - start < .seconds(10), "cancelling did not end the read")
    }
}
