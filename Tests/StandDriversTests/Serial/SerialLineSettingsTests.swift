#if canImport(Glibc)
import Glibc
#endif
@testable import StandDrivers
import Testing

@Suite struct SerialLineSettingsTests {
    /// A line as a fresh port starts: cooked, echoing, with signals, flow control and CR/NL mapping.
    static func cooked() -> termios {
        var settings = termios()
        settings.c_iflag = tcflag_t(ICRNL | IXON | IXOFF | IXANY | ISTRIP | BRKINT)
        settings.c_oflag = tcflag_t(OPOST | ONLCR)
        settings.c_lflag = tcflag_t(ICANON | ECHO | ECHOE | ISIG | IEXTEN)
        settings.c_cflag = tcflag_t(CS7 | PARENB | PARODD | CSTOPB | HUPCL) | tcflag_t(CRTSCTS)
        withUnsafeMutableBytes(of: &settings.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 5
        }
        return settings
    }

    @Test func defaultsTo9600WithEightDataBitsNoParityAndOneStopBit() throws {
        let settings = SerialLineSettings(path: "/dev/ttyUSB0")
        #expect(settings.baudRate == 9600 && settings.parity == .none && settings.stopBits == .one)
        #expect(try settings.speed() == speed_t(B9600))
        #expect(settings.bitsPerByte == 10)
        #expect(SerialLineSettings(path: "/dev/ttyUSB0", parity: .even, stopBits: .two).bitsPerByte == 12)
        #expect(SerialLineSettings.supportedBaudRates == [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200, 230_400])
    }

    @Test(arguments: [SerialLineSettings.Parity.none, .even, .odd], [SerialLineSettings.StopBits.one, .two])
    func configuresARawLineWithTheFraming(parity: SerialLineSettings.Parity, stopBits: SerialLineSettings.StopBits) throws {
        let line = SerialLineSettings(path: "/dev/ttyUSB0", baudRate: 19_200, parity: parity, stopBits: stopBits)
        var settings = Self.cooked()
        line.configure(&settings, speed: try line.speed())

        #expect(settings.c_lflag & tcflag_t(ICANON | ECHO | ISIG | IEXTEN) == 0)
        #expect(settings.c_iflag & tcflag_t(ICRNL | IXON | IXOFF | IXANY | ISTRIP | BRKINT) == 0)
        #expect(settings.c_oflag & tcflag_t(OPOST) == 0)
        #expect(settings.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        #expect(settings.c_cflag & tcflag_t(CRTSCTS) == 0)
        #expect(settings.c_cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
        #expect((settings.c_cflag & tcflag_t(PARENB) != 0) == (parity != .none))
        #expect((settings.c_cflag & tcflag_t(PARODD) != 0) == (parity == .odd))
        #expect((settings.c_iflag & tcflag_t(INPCK) != 0) == (parity != .none))
        #expect((settings.c_cflag & tcflag_t(CSTOPB) != 0) == (stopBits == .two))
        let characters = withUnsafeBytes(of: settings.c_cc) { Array($0) }
        #expect(characters[Int(VMIN)] == 0 && characters[Int(VTIME)] == 0)
        #expect(cfgetispeed(&settings) == speed_t(B19200) && cfgetospeed(&settings) == speed_t(B19200))
    }
}
