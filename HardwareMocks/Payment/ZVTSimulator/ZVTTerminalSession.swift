import StandHardware

/// The card terminal's application, on the simulator's thread: takes the ECR's commands one at a
/// time and plays each through as a real terminal does: `80 00 00` for the command, then its own
/// APDUs (intermediate status, status information, receipt, completion or abort), each answered
/// by the ECR before the next goes out.
struct ZVTTerminalSession {
    var link: ZVTMessageLink
    let port: any ZVTSimulatorPort
    let journal: ZVTSimulatorJournal
    let settings: ZVTSimulatorSettings

    init(port: any ZVTSimulatorPort, journal: ZVTSimulatorJournal, settings: ZVTSimulatorSettings) {
        link = ZVTMessageLink(port: port, journal: journal, acknowledgementTimeout: settings.acknowledgementTimeout)
        self.port = port
        self.journal = journal
        self.settings = settings
    }

    /// Serves one ECR after another until the simulator stops.
    mutating func run() {
        while port.awaitConnection() {
            link.reset()
            do {
                try serveConnection()
            } catch {
                if case .stopped = error { return }
            }
            port.endConnection()
        }
    }

    /// Returns only by throwing: `.stopped`, or `.disconnected` when the ECR goes.
    private mutating func serveConnection() throws(ZVTInterruption) {
        while true {
            guard let command = try link.receive(until: nil, awaitingCommand: true) else { continue }
            do {
                try handle(command)
            } catch {
                switch error {
                case .stopped, .disconnected:
                    throw error
                case .silenced, .notAcknowledged, .answerTimedOut, .abortedByECR, .superseded:
                    // The command ends where it is; what the terminal decided stays booked.
                    continue
                }
            }
        }
    }

    private mutating func handle(_ apdu: ZVTAPDU) throws(ZVTInterruption) {
        link.clearFaults()
        // A late answer to something the terminal gave up on: answers are never answered.
        if apdu.commandClass == 0x80 || apdu.commandClass == 0x84 { return }
        let command: ZVTCommand
        do {
            command = try ZVTCommand.decode(apdu)
        } catch {
            let known = Self.commands.contains { $0 == (apdu.commandClass, apdu.instruction) }
            try link.send(.negativeAcknowledgement(known ? ZVTResultCode.protocolError : ZVTResultCode.functionNotPossible))
            return
        }
        switch command {
        case .registration:
            try link.send(.positiveAcknowledgement)
            try exchange(.completion(completion(statusByte: 0x00, currency: settings.currency)))
        case .authorization(let amount, let currency):
            try cardTransaction(.payment, amount: amount, currency: currency ?? settings.currency, outcome: journal.nextOutcome())
        case .refund(_, let amount, let currency):
            try cardTransaction(.refund, amount: amount, currency: currency ?? settings.currency, outcome: .approve())
        case .logOff:
            try link.send(.positiveAcknowledgement)
        case .abort:
            // Nothing is running that could be aborted.
            try link.send(.negativeAcknowledgement(ZVTResultCode.functionNotPossible))
        case .reversal(_, let receiptNumber):
            try reverse(receiptNumber: receiptNumber)
        case .endOfDay:
            try endOfDay()
        case .repeatReceipt:
            try repeatReceipt()
        case .statusEnquiry:
            try statusEnquiry()
        }
    }

    /// The commands the simulated terminal knows; others get `84 83`, malformed ones `84 9A`.
    private static let commands: [(UInt8, UInt8)] = [
        (0x06, 0x00), (0x06, 0x01), (0x06, 0x02), (0x06, 0x20), (0x06, 0x30), (0x06, 0x31), (0x06, 0x50), (0x06, 0xB0), (0x05, 0x01),
    ]

    // MARK: - Exchanges

    /// Sends `message` and waits (T4) for the ECR's answer (`80 00 00`, or `84 xx`). A command in
    /// place of the answer ends the transaction (`.abortedByECR` for an abort while `abortable`,
    /// else `.superseded`).
    mutating func exchange(_ message: ZVTTerminalMessage, abortable: Bool = false) throws(ZVTInterruption) {
        try link.send(Self.apdu(message))
        let deadline = ContinuousClock.now + settings.answerTimeout
        while true {
            guard let reply = try link.receive(until: deadline, awaitingCommand: false) else { throw .answerTimedOut }
            if reply.commandClass == 0x80 || reply.commandClass == 0x84 { return }
            try interrupt(by: reply, abortable: abortable)
        }
    }

    /// Lets `duration` pass (the customer at work); a command from the ECR meanwhile ends the
    /// transaction as in `exchange`.
    mutating func pause(_ duration: Duration, abortable: Bool) throws(ZVTInterruption) {
        let deadline = ContinuousClock.now + duration
        while let apdu = try link.receive(until: deadline, awaitingCommand: false) {
            if apdu.commandClass == 0x80 || apdu.commandClass == 0x84 { continue }
            try interrupt(by: apdu, abortable: abortable)
        }
    }

    /// A command in the middle of a transaction, where the terminal holds the master rights: the
    /// ECR aborts (taken while the terminal may still abort) or has given up on the transaction
    /// (restarted after a crash, timed out), and its command is served next.
    private mutating func interrupt(by apdu: ZVTAPDU, abortable: Bool) throws(ZVTInterruption) {
        if abortable, apdu.commandClass == 0x06, apdu.instruction == 0xB0 { throw .abortedByECR }
        link.unread(apdu)
        throw .superseded
    }

    func completion(statusByte: UInt8? = nil, currency: UInt16? = nil) -> ZVTCompletion {
        Self.built { () throws(ZVTError) in
            try ZVTCompletion(statusByte: statusByte, terminalID: settings.terminalID, currency: currency)
        }
    }

    static func apdu(_ message: ZVTTerminalMessage) -> ZVTAPDU {
        built { () throws(ZVTError) in try message.apdu }
    }

    /// A message the simulator builds from its own numbers and settings, which always fit ZVT
    /// (the terminal ID is checked when the simulator starts).
    static func built<Value>(_ build: () throws(ZVTError) -> Value) -> Value {
        do {
            return try build()
        } catch {
            preconditionFailure("the ZVT simulator built a message ZVT cannot carry: \(error)")
        }
    }
}
