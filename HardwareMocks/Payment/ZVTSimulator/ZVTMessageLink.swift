import StandHardware

/// Why the terminal's side of an exchange ended early.
enum ZVTInterruption: Error {
    /// The simulator is stopping.
    case stopped
    /// The ECR went away (TCP) or takes no bytes.
    case disconnected
    /// Offline or the power is off: the terminal says nothing more.
    case silenced
    /// A frame went out three times without an ACK (serial).
    case notAcknowledged
    /// The ECR did not answer an APDU within T4.
    case answerTimedOut
    /// The ECR sent an abort (`06 B0`) instead of answering.
    case abortedByECR
    /// The ECR sent another command instead of answering: it gave up on the transaction (it
    /// restarted, or timed out). The command is served next.
    case superseded
}

/// The transport half of the terminal: APDUs in and out over its port. On a serial line it frames
/// them, answers each frame from the ECR with ACK (NAK when it arrived broken), and repeats its
/// own frames after a NAK or a missing ACK (T3), at most twice. Over TCP the APDUs travel bare.
/// The faults that live on the line (stray bytes, a broken CRC, NAK storms) are injected here.
struct ZVTMessageLink {
    let port: any ZVTSimulatorPort
    let journal: ZVTSimulatorJournal
    let acknowledgementTimeout: Duration

    /// Stray bytes before each frame the terminal sends.
    var garbles = false
    /// The next frame the terminal sends goes out with a wrong CRC the first time.
    var corruptsNextFrame = false

    private var frames = ZVTFrameReader()
    private var bare = ZVTBareAPDUReader()
    /// APDUs from the ECR that came while the terminal waited for an ACK.
    private var pending: [ZVTAPDU] = []

    /// Bytes that are neither ZVT frames nor ACK/NAK (no DLE, ACK, NAK, XON or XOFF among them).
    static let noise: [UInt8] = [0x00, 0xFF, 0x55, 0xAA, 0x7E, 0x20]

    init(port: any ZVTSimulatorPort, journal: ZVTSimulatorJournal, acknowledgementTimeout: Duration) {
        self.port = port
        self.journal = journal
        self.acknowledgementTimeout = acknowledgementTimeout
    }

    /// Forgets partial input and line faults (a new connection).
    mutating func reset() {
        frames.reset()
        bare.reset()
        pending = []
        clearFaults()
    }

    /// Line faults last one command.
    mutating func clearFaults() {
        garbles = false
        corruptsNextFrame = false
    }

    /// Puts an APDU back to be received again: the command that ends a transaction, served next.
    mutating func unread(_ apdu: ZVTAPDU) {
        pending.insert(apdu, at: 0)
    }

    /// The next APDU from the ECR, or nil when `deadline` passed first. `awaitingCommand`: the
    /// terminal is between transactions, where silence just drops what comes and NAK storms apply.
    mutating func receive(until deadline: ContinuousClock.Instant?, awaitingCommand: Bool) throws(ZVTInterruption) -> ZVTAPDU? {
        if !pending.isEmpty { return pending.removeFirst() }
        while true {
            if let apdu = try nextDecoded(awaitingCommand: awaitingCommand) { return apdu }
            switch port.read(until: deadline) {
            case .bytes(let bytes):
                guard !journal.isSilent else {
                    frames.reset()
                    bare.reset()
                    if awaitingCommand { continue }
                    throw .silenced
                }
                if port.isFramed { frames.feed(bytes) } else { bare.feed(bytes) }
            case .timedOut: return nil
            case .closed: throw .disconnected
            case .stopped: throw .stopped
            }
        }
    }

    /// Sends an APDU; on a serial line waits for its ACK, repeating the frame after NAK or T3.
    /// `awaitsAcknowledgement: false` writes the frame once and returns (the power fails after it).
    mutating func send(_ apdu: ZVTAPDU, awaitsAcknowledgement: Bool = true) throws(ZVTInterruption) {
        guard !journal.isSilent else { throw .silenced }
        guard port.isFramed else {
            guard port.write(apdu.bytes) else { throw .disconnected }
            return
        }
        let frame = ZVTFrame.encode(apdu)
        for attempt in 0...ZVTSimulatorSettings.frameRepeats {
            var bytes = frame
            if attempt == 0, corruptsNextFrame {
                corruptsNextFrame = false
                bytes[bytes.count - 1] ^= 0xFF
            }
            if garbles { bytes = Self.noise + bytes }
            guard port.write(bytes) else { throw .disconnected }
            guard awaitsAcknowledgement else { return }
            if try awaitAcknowledgement(until: .now + acknowledgementTimeout) { return }
        }
        throw .notAcknowledged
    }

    /// True for ACK; false for NAK or none within T3.
    private mutating func awaitAcknowledgement(until deadline: ContinuousClock.Instant) throws(ZVTInterruption) -> Bool {
        while true {
            while let item = frames.next() {
                switch item {
                case .ack: return true
                case .nak: return false
                case .frame(let apdu):
                    // The ECR's frame crossed the terminal's (an abort): taken now, read later.
                    journal.log(apdu)
                    pending.append(apdu)
                    guard port.write([ZVTFrame.ack]) else { throw .disconnected }
                case .corrupt:
                    guard port.write([ZVTFrame.nak]) else { throw .disconnected }
                case .noise:
                    continue
                }
            }
            switch port.read(until: deadline) {
            case .bytes(let bytes):
                guard !journal.isSilent else {
                    frames.reset()
                    throw .silenced
                }
                frames.feed(bytes)
            case .timedOut: return false
            case .closed: throw .disconnected
            case .stopped: throw .stopped
            }
        }
    }

    private mutating func nextDecoded(awaitingCommand: Bool) throws(ZVTInterruption) -> ZVTAPDU? {
        guard port.isFramed else {
            guard let apdu = bare.next() else { return nil }
            journal.log(apdu)
            return apdu
        }
        while let item = frames.next() {
            switch item {
            case .frame(let apdu):
                if awaitingCommand, journal.takeStormNAK() {
                    guard port.write([ZVTFrame.nak]) else { throw .disconnected }
                    continue
                }
                // Logged before the ACK goes out: an ECR that has its ACK finds the APDU in the ledger.
                journal.log(apdu)
                guard port.write([ZVTFrame.ack]) else { throw .disconnected }
                return apdu
            case .corrupt:
                guard port.write([ZVTFrame.nak]) else { throw .disconnected }
            case .ack, .nak, .noise:
                // A late ACK for a frame already repeated, or stray bytes: nothing to answer.
                continue
            }
        }
        return nil
    }
}
