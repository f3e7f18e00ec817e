#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal standing in for the card terminal's serial cable: the simulator reads and
/// writes the master, the stand opens the slave (`devicePath`) as its serial port.
///
/// The master is opened close-on-exec from its first moment (`/dev/ptmx` with `O_CLOEXEC`, which
/// `openpty` cannot do), so a process spawned meanwhile cannot inherit it and keep the line alive
/// after `close()`. The simulator holds the slave open itself: the line then never hangs up (no
/// EIO on the master) when the stand closes its port and opens it again.
final class ZVTPseudoTerminalPort: ZVTSimulatorPort {
    let devicePath: String
    private let master: Int32
    private let slave: Int32
    private let wakeSignal: ZVTWakeSignal

    var isFramed: Bool { true }

    /// `<asm-generic/ioctls.h>`, the same on x86-64 and arm64; Glibc's module leaves them out.
    private static let unlockRequest: UInt = 0x4004_5431 // TIOCSPTLCK
    private static let numberRequest: UInt = 0x8004_5430 // TIOCGPTN

    init() throws(ZVTSimulatorError) {
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard master >= 0 else { throw ZVTSimulatorError(call: "open /dev/ptmx", errno: errno) }
        var slave: Int32 = -1
        var wake: ZVTWakeSignal?
        do throws(ZVTSimulatorError) {
            var unlock: Int32 = 0
            var number: UInt32 = 0
            guard ioctl(master, Self.unlockRequest, &unlock) == 0, ioctl(master, Self.numberRequest, &number) == 0 else {
                throw ZVTSimulatorError(call: "ioctl TIOCSPTLCK/TIOCGPTN on /dev/ptmx", errno: errno)
            }
            devicePath = "/dev/pts/\(number)"
            slave = Glibc.open(devicePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
            guard slave >= 0 else { throw ZVTSimulatorError(call: "open \(devicePath)", errno: errno) }
            // Raw on the slave's side, where the line discipline sits: no echo, no CR/NL
            // translation, no signals from bytes, every byte passed at once.
            var settings = termios()
            guard tcgetattr(slave, &settings) == 0 else { throw ZVTSimulatorError(call: "tcgetattr \(devicePath)", errno: errno) }
            cfmakeraw(&settings)
            settings.c_cflag |= tcflag_t(CLOCAL | CREAD)
            guard tcsetattr(slave, TCSANOW, &settings) == 0 else { throw ZVTSimulatorError(call: "tcsetattr \(devicePath)", errno: errno) }
            wake = try ZVTWakeSignal()
        } catch {
            if slave >= 0 { Glibc.close(slave) }
            Glibc.close(master)
            throw error
        }
        self.master = master
        self.slave = slave
        wakeSignal = wake!
    }

    /// The line is always there; the stand opens and closes its side as it likes.
    func awaitConnection() -> Bool {
        ZVTPoll.wait(wakeSignal.fd, for: Int16(POLLIN), wake: wakeSignal, until: .now) != .stopped
    }

    func read(until deadline: ContinuousClock.Instant?) -> ZVTPortRead {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            switch ZVTPoll.wait(master, for: Int16(POLLIN), wake: wakeSignal, until: deadline) {
            case .stopped: return .stopped
            case .timedOut: return .timedOut
            case .ready: break
            }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if count > 0 { return .bytes(Array(buffer[..<count])) }
            // EIO would mean no slave is open, which cannot happen while this port holds one;
            // any other failure is waited out like silence.
            if count < 0, errno == EAGAIN || errno == EINTR { continue }
            if let deadline, deadline <= .now { return .timedOut }
            usleep(10_000)
        }
    }

    func write(_ bytes: [UInt8]) -> Bool {
        ZVTPoll.writeAll(bytes, to: master, wake: wakeSignal) { fd, buffer in Glibc.write(fd, buffer.baseAddress, buffer.count) }
    }

    func endConnection() {}

    func wake() {
        wakeSignal.signal()
    }

    func close() {
        Glibc.close(slave)
        Glibc.close(master)
        wakeSignal.close()
    }
}
