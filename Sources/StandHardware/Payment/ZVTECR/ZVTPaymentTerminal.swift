import StandCore

/// A ZVT card terminal, the stand being the ECR: registers at enable, then charges, reverses,
/// refunds, closes the day and repeats the last receipt with the terminal's own messages. Every
/// terminal message is answered (`80 00 00`, or `84 83` for one the stand does not handle), so
/// the terminal is never left waiting. Customer prompts (`04 FF`) arrive as `terminalPrompt`
/// events, the terminal's receipts (`06 D1`/`06 D3`) as one `terminalPrintout` per transaction.
///
/// An authorization that fails before the terminal has the command throws an error marked
/// `refusedBeforeStarting`; any other failure leaves the outcome to `lastTransaction()`.
public actor ZVTPaymentTerminal: PaymentTerminal {
    public nonisolated let identity: DeviceIdentity
    public nonisolated let capabilities = DeviceCapabilities.none
    private let line: any TerminalLine
    private let settings: ZVTTerminalSettings
    private let link: ZVTLink
    private let broadcaster = DeviceEventBroadcaster()
    private var lifecycle = DeviceLifecycle()
    private var busy = false
    private var abortRequested = false
    /// The terminal id it reported at registration.
    public private(set) var terminalID: String?

    public init(line: any TerminalLine, connection: DeviceConnection, settings: ZVTTerminalSettings = ZVTTerminalSettings(),
                model: String = "ZVT card terminal") {
        self.line = line
        self.settings = settings
        identity = DeviceIdentity(kind: .paymentTerminal, model: model, connection: connection)
        link = ZVTLink(line: line, acknowledgementTimeout: settings.acknowledgementTimeout, repeats: settings.repeats)
    }

    // MARK: - Device

    public var state: DeviceState { lifecycle.state }

    public nonisolated func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    public func open() async throws(DeviceError) {
        var next = lifecycle
        try next.opened()
        await line.close()
        try await line.open()
        lifecycle = next
        broadcaster.send(.stateChanged(.opened))
    }

    public func claim() async throws(DeviceError) {
        try lifecycle.claimed()
        broadcaster.send(.stateChanged(.claimed))
    }

    /// Registers at the terminal (06 00) for the stand's currency.
    public func enable() async throws(DeviceError) {
        guard lifecycle.state == .claimed else { throw .wrongState(lifecycle.state, "be enabled") }
        guard let currency = ZVTTerminalSettings.isoNumber(of: settings.currency) else {
            throw .invalidInput(.paymentTerminal, "the currency \(settings.currency.code), which StandKit cannot name in ZVT")
        }
        let exchange = try await exclusive("register") { () throws(DeviceError) in
            try await self.run(.registration(password: self.settings.password, config: self.settings.configByte, currency: currency,
                                             acceptedCommands: [0x06D1, 0x06D3]), "register")
        }
        if let code = exchange.abortCode ?? exchange.status.map(\.resultCode), code != ZVTResultCode.success {
            throw DeviceError(code: .protocolViolation, summary: "The card terminal refused to register the stand: \(ZVTResultCode.describe(code)).",
                              action: "Check the terminal's password in the configuration and that the terminal is set up for this currency.")
        }
        terminalID = exchange.completion?.terminalID ?? exchange.status?.terminalID
        try lifecycle.enabled()
        broadcaster.send(.stateChanged(.enabled))
    }

    /// Logs off (06 02) when the terminal is idle, then closes the line.
    public func close() async {
        if lifecycle.state == .enabled, !busy {
            busy = true
            _ = try? await run(.logOff, "log off", endsWithAcknowledgement: true)
            busy = false
        }
        await line.close()
        let changed = lifecycle.state != .closed
        lifecycle.closed()
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    // MARK: - PaymentTerminal

    public func authorize(_ request: PaymentRequest) async throws(DeviceError) -> PaymentOutcome {
        let currency = try currencyNumber(for: request.amount)
        let exchange = try await exclusive("take a card payment") { () throws(DeviceError) in
            try await self.run(.authorization(amount: request.amount.cents, currency: currency), "authorize \(request.amount.formattedAmount)")
        }
        return try outcome(of: exchange, requested: request.amount, operation: "authorize \(request.amount.formattedAmount)")
    }

    /// Asks the terminal to stop the command in progress (06 B0); the command still ends with
    /// the terminal's own answer.
    public func abort() async {
        if busy { abortRequested = true }
    }

    public func lastTransaction() async throws(DeviceError) -> TerminalTransaction? {
        let exchange = try await exclusive("repeat the last receipt") { () throws(DeviceError) in
            try await self.run(.repeatReceipt(password: self.settings.password), "repeat the last receipt", printsReceipt: false)
        }
        guard let status = exchange.status else { return nil }
        let amount = status.amount.map { Money(cents: $0, settings.currency) }
        let outcome: PaymentOutcome
        if status.resultCode == ZVTResultCode.success {
            outcome = .approved(try payment(from: status, requested: amount))
        } else {
            outcome = .declined(code: status.resultCode, message: ZVTResultCode.describe(status.resultCode))
        }
        return TerminalTransaction(receiptNumber: status.receiptNumber.map { Self.digits($0, 4) },
                                   traceNumber: status.traceNumber.map { Self.digits($0, 6) }, amount: amount, outcome: outcome)
    }

    public func reverse(_ payment: CardPayment) async throws(DeviceError) -> ReversalOutcome {
        guard let receipt = Int(payment.terminalReceiptNumber) else {
            throw .invalidInput(.paymentTerminal, "a reversal of receipt \"\(payment.terminalReceiptNumber)\", which is not a number")
        }
        let exchange = try await exclusive("reverse a payment") { () throws(DeviceError) in
            try await self.run(.reversal(password: self.settings.password, receiptNumber: receipt), "reverse receipt \(receipt)")
        }
        let code = exchange.status?.resultCode ?? exchange.abortCode ?? ZVTResultCode.success
        switch code {
        case ZVTResultCode.success: return .reversed
        case 0xB4: return .alreadyReversed
        default: return .refused(code: code, message: ZVTResultCode.describe(code))
        }
    }

    public func refund(_ amount: Money) async throws(DeviceError) -> PaymentOutcome {
        let currency = try currencyNumber(for: amount)
        let exchange = try await exclusive("refund") { () throws(DeviceError) in
            try await self.run(.refund(password: self.settings.password, amount: amount.cents, currency: currency), "refund \(amount.formattedAmount)")
        }
        return try outcome(of: exchange, requested: amount, operation: "refund \(amount.formattedAmount)")
    }

    public func endOfDay() async throws(DeviceError) -> TerminalTotals {
        let exchange = try await exclusive("close the day") { () throws(DeviceError) in
            try await self.run(.endOfDay(password: self.settings.password), "end of day")
        }
        guard let status = exchange.status, status.resultCode == ZVTResultCode.success else {
            throw refusal(exchange.status?.resultCode ?? exchange.abortCode ?? ZVTResultCode.protocolError, "close the day")
        }
        let currency = settings.currency
        let lines = status.totals.map { totals -> [TerminalTotals.BrandTotal] in
            [(CardBrand.girocard, totals.girocard), (.other, totals.jcb), (.mastercard, totals.eurocard), (.amex, totals.amex),
             (.visa, totals.visa), (.other, totals.diners), (.other, totals.other)]
                .filter { $0.1.count > 0 }
                .map { TerminalTotals.BrandTotal(brand: $0.0, count: $0.1.count, amount: Money(cents: $0.1.turnover, currency)) }
        } ?? []
        let count = status.totals.map { $0.lines.reduce(0) { $0 + $1.count } } ?? 0
        return TerminalTotals(total: Money(cents: status.amount ?? 0, currency), count: count,
                              receipts: status.totals.flatMap { $0.firstReceiptNumber <= $0.lastReceiptNumber ? $0.firstReceiptNumber...$0.lastReceiptNumber : nil },
                              byBrand: lines)
    }

    /// The terminal's state (05 01): its result code and terminal id.
    public func statusEnquiry() async throws(DeviceError) -> (resultCode: UInt8, terminalID: String?) {
        let exchange = try await exclusive("report its status") { () throws(DeviceError) in
            try await self.run(.statusEnquiry(password: self.settings.password), "status enquiry")
        }
        let code = exchange.status?.resultCode ?? exchange.abortCode ?? exchange.completion?.resultCode ?? ZVTResultCode.success
        return (code, exchange.status?.terminalID ?? exchange.completion?.terminalID ?? terminalID)
    }

    // MARK: - One command

    /// What the terminal sent in answer to one command.
    private struct Exchange {
        var status: ZVTStatusInformation?
        var completion: ZVTCompletion?
        var abortCode: UInt8?
        var abortText: String?
        var printout: [String] = []
        /// A result message that could not be read: the outcome is not known.
        var unreadable: ZVTError?
    }

    private func exclusive(_ operation: String, _ body: () async throws(DeviceError) -> Exchange) async throws(DeviceError) -> Exchange {
        guard lifecycle.state == .enabled || (lifecycle.state == .claimed && operation == "register") else {
            throw DeviceError.wrongState(lifecycle.state, operation).beforeStarting()
        }
        guard !busy else { throw DeviceError.busy(.paymentTerminal, detail: "another command is in progress").beforeStarting() }
        busy = true
        abortRequested = false
        defer { busy = false }
        return try await body()
    }

    /// Sends `command` and reads the terminal's messages, answering each, until it gives the
    /// master rights back (06 0F completion or 06 1E abort).
    /// `printsReceipt`: false for a query whose receipt is not wanted on paper.
    private func run(_ command: ZVTCommand, _ operation: String, endsWithAcknowledgement: Bool = false,
                     printsReceipt: Bool = true) async throws(DeviceError) -> Exchange {
        let apdu: ZVTAPDU
        do { apdu = try command.apdu } catch { throw error.deviceError.beforeStarting() }
        await link.reset()
        do {
            try await link.send(apdu)
        } catch {
            switch error {
            case .refused(let tries):
                throw DeviceError.protocolViolation(.paymentTerminal, detail: "the terminal answered NAK \(tries) times to \(apdu)").beforeStarting()
            case .unanswered(let tries):
                throw DeviceError.timeout(.paymentTerminal, operation, detail: "no ACK to \(apdu) after \(tries) tries")
            case .lineBeforeSending(let lineError):
                throw lost(lineError).beforeStarting()
            case .line(let lineError):
                throw lost(lineError)
            }
        }
        var exchange = Exchange()
        var acknowledged = false
        var abortSent = false
        let clock = ContinuousClock()
        var deadline = clock.now + settings.acknowledgementTimeout
        while true {
            if abortRequested, !abortSent, acknowledged {
                abortSent = true
                try? await link.send(ZVTAPDU(0x06, 0xB0))
            }
            let remaining = deadline - clock.now
            guard remaining > .zero else {
                throw DeviceError.timeout(.paymentTerminal, operation,
                                          detail: acknowledged ? "no message for \(settings.masterTimeout) after \(exchange.status == nil ? "the command" : "the status information")"
                                                               : "no answer to \(apdu)")
            }
            let received: ZVTAPDU?
            do { received = try await link.receive(within: min(remaining, .milliseconds(200))) } catch { throw lost(error) }
            guard let received else { continue }
            let message: ZVTTerminalMessage
            do {
                message = try ZVTTerminalMessage.decode(received)
            } catch {
                try await answer(.negativeAcknowledgement(ZVTResultCode.protocolError))
                if received.commandClass == 0x04, received.instruction == 0x0F { exchange.unreadable = error }
                continue
            }
            switch message {
            case .acknowledged:
                if !acknowledged, endsWithAcknowledgement { return exchange }
                acknowledged = true
            case .refused(let code):
                if !acknowledged { throw refusal(code, operation).beforeStarting() }
            case .intermediateStatus(let status):
                acknowledged = true
                try await answer(.positiveAcknowledgement)
                broadcaster.send(.terminalPrompt(status.text))
            case .statusInformation(let status):
                acknowledged = true
                exchange.status = status
                try await answer(.positiveAcknowledgement)
            case .printLine(_, let text):
                acknowledged = true
                exchange.printout.append(text)
                try await answer(.positiveAcknowledgement)
            case .printTextBlock(let block):
                acknowledged = true
                exchange.printout += block.lines
                try await answer(.positiveAcknowledgement)
            case .completion(let completion):
                exchange.completion = completion
                try await answer(.positiveAcknowledgement)
                return finished(exchange, printsReceipt: printsReceipt)
            case .abort(let code, let text):
                exchange.abortCode = code
                exchange.abortText = text
                try await answer(.positiveAcknowledgement)
                return finished(exchange, printsReceipt: printsReceipt)
            case .other:
                try await answer(.negativeAcknowledgement(ZVTResultCode.functionNotPossible))
            }
            deadline = clock.now + (acknowledged ? settings.masterTimeout : settings.acknowledgementTimeout)
        }
    }

    private func finished(_ exchange: Exchange, printsReceipt: Bool) -> Exchange {
        if printsReceipt, !exchange.printout.isEmpty { broadcaster.send(.terminalPrintout(exchange.printout)) }
        return exchange
    }

    private func answer(_ apdu: ZVTAPDU) async throws(DeviceError) {
        do { try await link.send(apdu) } catch {
            switch error {
            case .lineBeforeSending(let lineError), .line(let lineError): throw lost(lineError)
            case .refused, .unanswered:
                throw DeviceError.timeout(.paymentTerminal, "take the stand's answer", detail: "no ACK to \(apdu)")
            }
        }
    }

    // MARK: - Results

    private func outcome(of exchange: Exchange, requested: Money, operation: String) throws(DeviceError) -> PaymentOutcome {
        if let unreadable = exchange.unreadable, exchange.status == nil {
            throw DeviceError.protocolViolation(.paymentTerminal, detail: "\(operation): the result could not be read: \(unreadable)")
        }
        if let code = exchange.abortCode, exchange.status?.resultCode ?? code != ZVTResultCode.success {
            let code = exchange.status.map(\.resultCode).flatMap { $0 == ZVTResultCode.success ? nil : $0 } ?? code
            if code == ZVTResultCode.aborted { return .cancelledByCustomer }
            return .declined(code: code, message: exchange.abortText ?? ZVTResultCode.describe(code))
        }
        guard let status = exchange.status else {
            throw DeviceError.protocolViolation(.paymentTerminal, detail: "\(operation): the terminal ended without a result")
        }
        guard status.resultCode == ZVTResultCode.success else {
            if status.resultCode == ZVTResultCode.aborted { return .cancelledByCustomer }
            return .declined(code: status.resultCode, message: ZVTResultCode.describe(status.resultCode))
        }
        let amount = status.amount.map { Money(cents: $0, settings.currency) } ?? requested
        return .approved(try payment(from: status, requested: amount))
    }

    private func payment(from status: ZVTStatusInformation, requested: Money?) throws(DeviceError) -> CardPayment {
        guard let amount = status.amount.map({ Money(cents: $0, settings.currency) }) ?? requested else {
            throw DeviceError.protocolViolation(.paymentTerminal, detail: "an approval without an amount")
        }
        return CardPayment(amount: amount, maskedPAN: Self.masked(status.maskedPAN), brand: Self.brand(name: status.cardName, type: status.cardType),
                           terminalReceiptNumber: status.receiptNumber.map { Self.digits($0, 4) } ?? "",
                           traceNumber: status.traceNumber.map { Self.digits($0, 6) } ?? "")
    }

    /// The card number as the terminal masked it; if it sent more digits than a masked number
    /// shows, only the last four are kept. A card number is never stored.
    static func masked(_ pan: String?) -> MaskedPAN {
        if let pan, let masked = try? MaskedPAN(pan) { return masked }
        let digits = pan.map { String($0.filter(\.isNumber).suffix(4)) } ?? ""
        let lastFour = digits.count == 4 ? digits : "0000"
        // Twelve stars and four digits always make a valid masked number.
        return (try? MaskedPAN(String(repeating: "*", count: 12) + lastFour)) ?? (try! MaskedPAN("************0000"))
    }

    /// The scheme from the card name the terminal printed, else from its ZVT card type number.
    static func brand(name: String?, type: UInt8?) -> CardBrand {
        let lowered = name?.lowercased() ?? ""
        if lowered.contains("visa") { return lowered.contains("v pay") || lowered.contains("vpay") ? .vpay : .visa }
        if lowered.contains("v pay") || lowered.contains("vpay") { return .vpay }
        if lowered.contains("maestro") { return .maestro }
        if lowered.contains("master") || lowered.contains("eurocard") { return .mastercard }
        if lowered.contains("giro") || lowered.contains("ec-cash") || lowered.contains("electronic cash") { return .girocard }
        if lowered.contains("amex") || lowered.contains("american") { return .amex }
        switch type {
        case 5: return .girocard
        case 6: return .mastercard
        case 8: return .amex
        case 10: return .visa
        case 13: return .vpay
        case 46: return .maestro
        default: return .other
        }
    }

    private func currencyNumber(for amount: Money) throws(DeviceError) -> UInt16 {
        guard amount.currency == settings.currency, let number = ZVTTerminalSettings.isoNumber(of: amount.currency) else {
            throw DeviceError.invalidInput(.paymentTerminal, "an amount in \(amount.currency.code); it is set up for \(settings.currency.code)").beforeStarting()
        }
        guard amount.cents > 0 else {
            throw DeviceError.invalidInput(.paymentTerminal, "an amount of \(amount.formattedAmount)").beforeStarting()
        }
        return number
    }

    private func refusal(_ code: UInt8, _ operation: String) -> DeviceError {
        DeviceError(code: .protocolViolation, summary: "The card terminal refused to \(operation): \(ZVTResultCode.describe(code)).",
                    action: "Follow the terminal's display; if it repeats, restart the terminal.", detail: "result code \(ZVTHex.text(code))")
    }

    /// A line error: a vanished line makes the terminal disconnected until it is opened again.
    private func lost(_ error: DeviceError) -> DeviceError {
        if error.code == .disconnected, lifecycle.state != .disconnected {
            lifecycle.disconnected()
            broadcaster.send(.disconnected)
        }
        return error
    }

    static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}
