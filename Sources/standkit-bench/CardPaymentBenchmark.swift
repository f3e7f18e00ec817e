#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks
import StandCore
import StandDrivers
import StandHardware
import Synchronization

/// The ECR side of a ZVT card payment: the stand's driver (`ZVTPaymentTerminal` over
/// `SerialTerminalLine`) authorizing against HardwareMocks' terminal simulator on a
/// pseudo-terminal, the customer taking no time and the receipt coming as one text block, next to
/// the time the same bytes take on a real line at 9600 and 115200 baud (8N1: 10 bits a byte).
///
/// A pty does not pace bytes at the baud rate, so a payment's time here is the processing of both
/// ends. The simulator's share is measured on its own in the same run: the same payment played by
/// a bare ECR that writes pre-encoded frames and waits in blocking polls.
struct CardPaymentBenchmark: Benchmark {
    let name = "card-payment"
    let summary = "ECR side of a ZVT card payment (driver + termios line vs the terminal simulator on a pty) vs the bytes' time on the wire at 9600 and 115200 baud"

    static let baudRates = [9600, 115_200]
    /// Bits on the wire a byte: start bit, 8 data bits, 1 or 2 stop bits (many terminals ship set to 8N2).
    static let bitsPerByte8N1 = 10
    static let bitsPerByte8N2 = 11
    static let amount = Money(cents: 440, .eur)
    static let simulatorSettings = ZVTSimulatorSettings(customerStepDelay: .zero, receiptDelivery: .textBlock)

    func run(iterations: Int) throws -> [String] {
        let payments = min(iterations, 300)
        let warmUp = max(5, payments / 10)
        let alone = try Self.simulatorAlone(payments: payments, warmUp: warmUp)
        var lines = [
            "approved payments of \(Self.amount) after \(warmUp) to warm up; wire time at 8N1 (\(Self.bitsPerByte8N1) bits a byte), 8N2 (\(Self.bitsPerByte8N2)) in brackets",
            "a pty does not pace bytes: overhead = a payment's p50 here, the processing of both ends (driver and simulator)",
            "simulator + pty alone (bare ECR, blocking polls), \(payments) payments: p50 \(milliseconds(alone.percentile(0.50))) ms  p99 \(milliseconds(alone.percentile(0.99))) ms per payment",
        ]
        for baudRate in Self.baudRates {
            let run = try blocking { try await Self.driven(baudRate: baudRate, payments: payments, warmUp: warmUp) }
            let wire = run.bytesPerPayment * Double(Self.bitsPerByte8N1) / Double(baudRate)
            let wire8N2 = run.bytesPerPayment * Double(Self.bitsPerByte8N2) / Double(baudRate)
            let overhead = seconds(run.timings.percentile(0.50))
            let driverOnly = overhead - seconds(alone.percentile(0.50))
            lines += [
                "\(baudRate) baud, driver ↔ simulator, \(payments) payments: p50 \(milliseconds(run.timings.percentile(0.50))) ms  p99 \(milliseconds(run.timings.percentile(0.99))) ms per payment (\(format(run.timings.rate, 1))/s)",
                "  on the wire per payment: \(format(run.bytesPerPayment, 1)) bytes (ECR → terminal \(format(run.writtenPerPayment, 1)), terminal → ECR \(format(run.readPerPayment, 1))) in \(run.framesPerPayment) frames each way and their ACKs",
                "  wire time \(format(wire * 1000, 3)) ms per payment (\(format(wire8N2 * 1000, 3)) ms); overhead (p50) / wire time = \(format(overhead / wire, 3))",
                "  paced line: wire + overhead = \(format((wire + overhead) * 1000, 3)) ms per payment, \(format(100 * wire / (wire + overhead), 1)) % of it the line itself",
                "  the driver's own share (p50 minus the simulator alone): \(format(driverOnly * 1000, 3)) ms, \(format(driverOnly / wire, 3)) of the wire time",
            ]
        }
        return lines
    }

    /// One baud rate's payments through the stand's driver, with the bytes the ECR wrote and read.
    struct DriverRun {
        var timings: Timings
        var writtenPerPayment: Double
        var readPerPayment: Double
        var framesPerPayment: Int
        var bytesPerPayment: Double { writtenPerPayment + readPerPayment }
    }

    static func driven(baudRate: Int, payments: Int, warmUp: Int) async throws -> DriverRun {
        let simulator = try ZVTTerminalSimulator.pseudoTerminal(settings: simulatorSettings)
        defer { simulator.stop() }
        guard let path = simulator.devicePath else { throw BenchFailure("the simulator has no pseudo-terminal") }
        let line = ByteCountingLine(SerialTerminalLine(settings: .init(path: path, baudRate: baudRate)))
        let terminal = ZVTPaymentTerminal(line: line, connection: .serial(path: path, baudRate: baudRate), settings: ZVTTerminalSettings())
        try await terminal.start()
        for index in 0..<warmUp { try await pay(terminal, index) }
        let (writtenBefore, readBefore) = (line.bytesWritten, line.bytesRead)
        let apdusBefore = simulator.ledger.receivedAPDUs.count
        let clock = ContinuousClock()
        var timings = Timings()
        let started = clock.now
        for index in 0..<payments {
            let began = clock.now
            try await pay(terminal, warmUp + index)
            timings.samples.append(clock.now - began)
        }
        timings.wall = clock.now - started
        let (written, read) = (line.bytesWritten - writtenBefore, line.bytesRead - readBefore)
        let received = simulator.ledger.receivedAPDUs[apdusBefore...]
        await terminal.close()

        // Cross-check with what the simulator took: every ECR frame as framed, plus one ACK for
        // each terminal frame (the terminal's 80 00 00 to the command and one per ECR answer).
        let answers = received.filter(\.isPositiveAcknowledgement).count
        let expected = received.reduce(0) { $0 + ZVTFrame.encode($1).count } + answers + payments
        guard written == expected else {
            throw BenchFailure("the ECR wrote \(written) bytes, but the simulator's ledger accounts for \(expected)")
        }
        return DriverRun(timings: timings, writtenPerPayment: Double(written) / Double(payments),
                         readPerPayment: Double(read) / Double(payments), framesPerPayment: received.count / payments)
    }

    private static func pay(_ terminal: ZVTPaymentTerminal, _ index: Int) async throws {
        let outcome = try await terminal.authorize(PaymentRequest(amount: amount, reference: "bench-\(index)"))
        guard case .approved = outcome else { throw BenchFailure("payment \(index) was not approved: \(outcome)") }
    }

    /// The same payments played by `BareECR` against a simulator of its own.
    static func simulatorAlone(payments: Int, warmUp: Int) throws -> Timings {
        let simulator = try ZVTTerminalSimulator.pseudoTerminal(settings: simulatorSettings)
        defer { simulator.stop() }
        guard let path = simulator.devicePath else { throw BenchFailure("the simulator has no pseudo-terminal") }
        let ecr = try BareECR(path: path)
        let command = ZVTFrame.encode(try ZVTCommand.authorization(amount: amount.cents).apdu)
        for _ in 0..<warmUp { try ecr.pay(command) }
        let timings = try Timings.measure(payments) { try ecr.pay(command) }
        guard simulator.ledger.netCharges.count == warmUp + payments else {
            throw BenchFailure("the simulator charged \(simulator.ledger.netCharges.count) of \(warmUp + payments) payments")
        }
        return timings
    }
}

private func milliseconds(_ duration: Duration) -> String {
    format(seconds(duration) * 1000, 3)
}

/// A `TerminalLine` that counts the bytes the ECR writes to and reads from the line it wraps.
final class ByteCountingLine: TerminalLine {
    private let line: any TerminalLine
    private let writtenCount = Atomic<Int>(0)
    private let readCount = Atomic<Int>(0)

    init(_ line: any TerminalLine) {
        self.line = line
    }

    var bytesWritten: Int { writtenCount.load(ordering: .relaxed) }
    var bytesRead: Int { readCount.load(ordering: .relaxed) }
    var needsFraming: Bool { line.needsFraming }

    func open() async throws(DeviceError) {
        try await line.open()
    }

    func write(_ bytes: [UInt8]) async throws(DeviceError) {
        try await line.write(bytes)
        writtenCount.add(bytes.count, ordering: .relaxed)
    }

    func read(maxCount: Int, timeout: Duration) async throws(DeviceError) -> [UInt8] {
        let bytes = try await line.read(maxCount: maxCount, timeout: timeout)
        readCount.add(bytes.count, ordering: .relaxed)
        return bytes
    }

    func discardInput() async {
        await line.discardInput()
    }

    func close() async {
        await line.close()
    }
}

/// The least an ECR does for a payment on a serial line, on the calling thread with blocking
/// polls: writes the pre-encoded command, ACKs every terminal frame and answers each message
/// after the terminal's 80 00 00 with a pre-encoded 80 00 00, until the completion (06 0F).
final class BareECR {
    private let fd: Int32
    private let path: String
    private var reader = ZVTFrameReader()
    private var buffer = [UInt8](repeating: 0, count: 4096)
    private static let answer = ZVTFrame.encode(.positiveAcknowledgement)

    init(path: String) throws {
        self.path = path
        fd = Glibc.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw BenchFailure("open \(path): \(String(cString: strerror(errno)))") }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { throw failure("tcgetattr") }
        cfmakeraw(&settings)
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else { throw failure("tcsetattr") }
    }

    deinit {
        Glibc.close(fd)
    }

    func pay(_ command: [UInt8]) throws {
        try write(command)
        try awaitAcknowledgement()
        while true {
            guard case .frame(let apdu) = try nextItem() else { throw BenchFailure("the simulator sent something else than a frame") }
            try write([ZVTFrame.ack])
            if apdu.isPositiveAcknowledgement { continue }
            try write(Self.answer)
            try awaitAcknowledgement()
            switch (apdu.commandClass, apdu.instruction) {
            case (0x06, 0x0F): return
            case (0x06, 0x1E): throw BenchFailure("the simulator aborted the payment: \(apdu)")
            default: continue
            }
        }
    }

    private func awaitAcknowledgement() throws {
        let item = try nextItem()
        guard item == .ack else { throw BenchFailure("the simulator answered \(item) where an ACK was due") }
    }

    private func nextItem() throws -> ZVTFrameReader.Item {
        while true {
            if let item = reader.next() { return item }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 5000)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { throw ready == 0 ? BenchFailure("the simulator sent nothing for 5 s") : failure("poll") }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { throw failure("read") }
            reader.feed(buffer[..<count])
        }
    }

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw failure("write") }
            offset += written
        }
    }

    private func failure(_ call: String) -> BenchFailure {
        BenchFailure("\(call) \(path): \(String(cString: strerror(errno)))")
    }
}
