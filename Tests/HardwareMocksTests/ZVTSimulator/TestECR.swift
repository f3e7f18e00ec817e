#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// A tiny ECR for the simulator's tests, not a driver: it opens the simulator's pseudo-terminal
/// raw (or connects to its TCP port), writes the APDUs it is given (framed with `ZVTFrame.encode`
/// on the serial line), reads with `ZVTFrameReader`, answers each frame from the terminal with
/// ACK (NAK when broken) and records everything it saw. Blocking, with deadlines.
final class TestECR {
    enum Event: Hashable {
        case apdu(ZVTAPDU)
        case ack
        case nak
        case noise([UInt8])
        case corrupt
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let framed: Bool
    private let fd: Int32
    private var reader = ZVTFrameReader()
    private var bare: [UInt8] = []
    /// Everything the ECR read, in order.
    private(set) var events: [Event] = []
    /// Every byte the ECR read, raw.
    private(set) var bytes: [UInt8] = []
    /// APDUs from the terminal not yet taken by `receive`.
    private var inbox: [ZVTAPDU] = []
    /// ACK/NAK bytes not yet taken by `write`.
    private var replies: [Event] = []
    /// Whether the ECR answers the terminal's frames at all (false: it says nothing, no ACK, no NAK).
    var acknowledgesFrames = true

    static func serial(_ path: String) throws -> TestECR {
        let fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw Failure(description: "open \(path): errno \(errno)") }
        var settings = termios()
        tcgetattr(fd, &settings)
        cfmakeraw(&settings)
        tcsetattr(fd, TCSANOW, &settings)
        return TestECR(fd: fd, framed: true)
    }

    static func tcp(port: Int) throws -> TestECR {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else { throw Failure(description: "connect 127.0.0.1:\(port): errno \(errno)") }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return TestECR(fd: fd, framed: false)
    }

    private init(fd: Int32, framed: Bool) {
        self.fd = fd
        self.framed = framed
    }

    deinit {
        close(fd)
    }

    /// The frame of `apdu` (bare over TCP) once; on a serial line, the terminal's ACK or NAK, or
    /// nil when none came within `timeout`.
    @discardableResult
    func write(_ apdu: ZVTAPDU, timeout: Duration = .seconds(1)) -> Event? {
        writeRaw(framed ? ZVTFrame.encode(apdu) : apdu.bytes)
        guard framed else { return nil }
        let deadline = ContinuousClock.now + timeout
        while replies.isEmpty, pump(until: deadline) {}
        return replies.isEmpty ? nil : replies.removeFirst()
    }

    /// Writes the bytes as they are; gives up when the line is gone (the terminal hung up).
    func writeRaw(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                offset += count
            } else if errno == EAGAIN || errno == EINTR {
                usleep(1000)
            } else {
                return
            }
        }
    }

    /// Sends `apdu` as an ECR does: up to three times until the terminal ACKs it.
    func send(_ apdu: ZVTAPDU) throws {
        guard framed else { return writeRaw(apdu.bytes) }
        for _ in 0..<3 where write(apdu) == .ack { return }
        throw Failure(description: "the terminal did not ACK \(apdu)")
    }

    /// The next APDU from the terminal, or nil when none came within `timeout`.
    func receive(timeout: Duration = .seconds(2)) -> ZVTAPDU? {
        let deadline = ContinuousClock.now + timeout
        while inbox.isEmpty, pump(until: deadline) {}
        return inbox.isEmpty ? nil : inbox.removeFirst()
    }

    /// A command through to the terminal's end: sends it, answers every APDU of the terminal
    /// but `80 00 00` with `80 00 00`, and returns the terminal's APDUs up to its completion
    /// (`06 0F`), abort (`06 1E`) or refusal (`84 xx`).
    func transact(_ command: ZVTCommand) throws -> [ZVTAPDU] {
        try send(command.apdu)
        return try collect()
    }

    /// The terminal's APDUs up to its completion, abort or refusal, each but `80 00 00` answered.
    func collect() throws -> [ZVTAPDU] {
        var received: [ZVTAPDU] = []
        while true {
            guard let apdu = receive() else {
                throw Failure(description: "the terminal went silent after \(received.map(\.description))")
            }
            received.append(apdu)
            if apdu.commandClass == 0x84 { return received }
            if apdu.isPositiveAcknowledgement { continue }
            try send(.positiveAcknowledgement)
            if apdu.commandClass == 0x06, apdu.instruction == 0x0F || apdu.instruction == 0x1E { return received }
        }
    }

    /// Reads what came by `deadline` and handles it; false when nothing did.
    private func pump(until deadline: ContinuousClock.Instant) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let left = ContinuousClock.now.duration(to: deadline)
        let milliseconds = max(0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else {
            usleep(1000)
            return ContinuousClock.now < deadline
        }
        let chunk = Array(buffer[..<count])
        bytes += chunk
        if framed { take(chunk) } else { takeBare(chunk) }
        return true
    }

    private func take(_ chunk: [UInt8]) {
        reader.feed(chunk)
        while let item = reader.next() {
            switch item {
            case .frame(let apdu):
                events.append(.apdu(apdu))
                inbox.append(apdu)
                if acknowledgesFrames { writeRaw([ZVTFrame.ack]) }
            case .corrupt:
                events.append(.corrupt)
                if acknowledgesFrames { writeRaw([ZVTFrame.nak]) }
            case .ack:
                events.append(.ack)
                replies.append(.ack)
            case .nak:
                events.append(.nak)
                replies.append(.nak)
            case .noise(let noise):
                events.append(.noise(noise))
            }
        }
    }

    private func takeBare(_ chunk: [UInt8]) {
        bare += chunk
        while bare.count >= 3 {
            let extended = bare[2] == 0xFF
            guard !extended || bare.count >= 5 else { return }
            let header = extended ? 5 : 3
            let length = extended ? Int(bare[3]) | Int(bare[4]) << 8 : Int(bare[2])
            guard bare.count >= header + length else { return }
            let apdu = ZVTAPDU(bare[0], bare[1], data: Array(bare[header..<header + length]))
            bare.removeFirst(header + length)
            events.append(.apdu(apdu))
            inbox.append(apdu)
        }
    }
}

/// "06 0F"-style codes of APDUs, for comparing sequences.
func codes(_ apdus: [ZVTAPDU]) -> [String] {
    apdus.map { hex($0.commandClass) + " " + hex($0.instruction) }
}

func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return byte < 0x10 ? "0" + digits : digits
}
