/// APDUs to and from the card terminal over a `TerminalLine`. On a serial line each APDU travels
/// in a frame (`ZVTFrame`) answered by ACK or NAK: a frame is sent again after a NAK or when no
/// answer comes within T3, at most `repeats` times; a frame received with a bad CRC is answered
/// NAK so the terminal repeats it, a good one ACK. Stray bytes between frames are skipped. Over
/// TCP the APDUs travel bare.
actor ZVTLink {
    /// How a send ended without an ACK.
    enum SendFailure: Error {
        /// Every try was answered NAK: the terminal got the bytes garbled each time.
        case refused(tries: Int)
        /// No ACK came at all: the terminal may or may not have the command.
        case unanswered(tries: Int)
        /// The line failed before the frame's last byte was written: the terminal has no command.
        case lineBeforeSending(DeviceError)
        /// The line failed after the frame went out.
        case line(DeviceError)
    }

    private let line: any TerminalLine
    private let acknowledgementTimeout: Duration
    private let repeats: Int
    private var reader = ZVTFrameReader()
    private var bare: [UInt8] = []
    /// Frames that arrived (and were acknowledged) while a send waited for its ACK.
    private var early: [ZVTAPDU] = []
    /// Stray bytes and unreadable frames seen, for the log.
    private(set) var noiseBytes = 0
    private(set) var corruptFrames = 0

    init(line: any TerminalLine, acknowledgementTimeout: Duration, repeats: Int) {
        self.line = line
        self.acknowledgementTimeout = acknowledgementTimeout
        self.repeats = repeats
    }

    /// Forgets whatever came before: a new command starts clean.
    func reset() async {
        await line.discardInput()
        reader.reset()
        bare = []
        early = []
    }

    func send(_ apdu: ZVTAPDU) async throws(SendFailure) {
        guard line.needsFraming else {
            do { try await line.write(apdu.bytes) } catch { throw .lineBeforeSending(error) }
            return
        }
        let frame = ZVTFrame.encode(apdu)
        var naks = 0
        for attempt in 0...repeats {
            do { try await line.write(frame) } catch { throw attempt == 0 ? .lineBeforeSending(error) : .line(error) }
            switch try await awaitAcknowledgement() {
            case .ack: return
            case .nak: naks += 1
            case .silence: break
            }
        }
        throw naks == repeats + 1 ? .refused(tries: naks) : .unanswered(tries: repeats + 1)
    }

    /// The next APDU from the terminal, or nil when none arrives within `timeout`.
    func receive(within timeout: Duration) async throws(DeviceError) -> ZVTAPDU? {
        if !early.isEmpty { return early.removeFirst() }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let apdu = try await nextBuffered() { return apdu }
            let remaining = deadline - clock.now
            guard remaining > .zero else { return nil }
            let bytes = try await line.read(maxCount: 4096, timeout: remaining)
            if bytes.isEmpty { return nil }
            if line.needsFraming { reader.feed(bytes) } else { bare += bytes }
        }
    }

    private enum Acknowledgement { case ack, nak, silence }

    private func awaitAcknowledgement() async throws(SendFailure) -> Acknowledgement {
        let clock = ContinuousClock()
        let deadline = clock.now + acknowledgementTimeout
        while true {
            while let item = reader.next() {
                switch item {
                case .ack: return .ack
                case .nak: return .nak
                case .frame(let apdu):
                    do { try await line.write([ZVTFrame.ack]) } catch { throw .line(error) }
                    early.append(apdu)
                case .corrupt:
                    corruptFrames += 1
                    do { try await line.write([ZVTFrame.nak]) } catch { throw .line(error) }
                case .noise(let bytes):
                    noiseBytes += bytes.count
                }
            }
            let remaining = deadline - clock.now
            guard remaining > .zero else { return .silence }
            let bytes: [UInt8]
            do { bytes = try await line.read(maxCount: 4096, timeout: remaining) } catch { throw .line(error) }
            if bytes.isEmpty { return .silence }
            reader.feed(bytes)
        }
    }

    private func nextBuffered() async throws(DeviceError) -> ZVTAPDU? {
        guard line.needsFraming else { return try nextBare() }
        while let item = reader.next() {
            switch item {
            case .frame(let apdu):
                try await line.write([ZVTFrame.ack])
                return apdu
            case .corrupt:
                corruptFrames += 1
                try await line.write([ZVTFrame.nak])
            case .noise(let bytes):
                noiseBytes += bytes.count
            case .ack, .nak:
                noiseBytes += 1
            }
        }
        return nil
    }

    /// One whole APDU from the TCP stream, once all its bytes are there.
    private func nextBare() throws(DeviceError) -> ZVTAPDU? {
        guard bare.count >= 3 else { return nil }
        var header = 3
        var length = Int(bare[2])
        if length == 0xFF {
            guard bare.count >= 5 else { return nil }
            header = 5
            length = Int(bare[3]) | Int(bare[4]) << 8
        }
        guard bare.count >= header + length else { return nil }
        let bytes = Array(bare[..<(header + length)])
        bare.removeFirst(header + length)
        do { return try ZVTAPDU.parse(bytes) } catch { throw error.deviceError }
    }
}
