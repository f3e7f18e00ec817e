import HardwareMocks
import StandCore
import StandDrivers
import StandHardware
import Testing

/// The stand's ZVT driver (StandHardware's ECR side over StandDrivers' termios line) against the
/// terminal simulator on a real pseudo-terminal, for every scripted outcome. The timeouts are
/// generous: in a full test run on two cores other suites can hold the CPU for seconds.
@Suite struct ZVTPaymentTerminalTests {
    static let fast = ZVTSimulatorSettings(acknowledgementTimeout: .seconds(2), answerTimeout: .seconds(30),
                                           customerStepDelay: .milliseconds(20), powerOffDuration: .seconds(60))
    static let ecr = ZVTTerminalSettings(password: 123_456, acknowledgementTimeout: .seconds(3), masterTimeout: .seconds(30))

    let simulator: ZVTTerminalSimulator
    let terminal: ZVTPaymentTerminal

    init(settings: ZVTSimulatorSettings = Self.fast, ecr: ZVTTerminalSettings = Self.ecr) throws {
        simulator = try ZVTTerminalSimulator.pseudoTerminal(settings: settings)
        let path = try #require(simulator.devicePath)
        terminal = ZVTPaymentTerminal(line: SerialTerminalLine(settings: .init(path: path, baudRate: 115_200)),
                                      connection: .serial(path: path, baudRate: 115_200), settings: ecr)
    }

    func started() async throws -> ZVTPaymentTerminal {
        try await terminal.start()
        return terminal
    }

    static let amount = Money(cents: 440, .eur)
    static let request = PaymentRequest(amount: amount, reference: "sale-1")

    @Test func registersThenAnApprovalCarriesTheCardAndTheTerminalsNumbers() async throws {
        let terminal = try await started()
        #expect(await terminal.state == .enabled)
        #expect(await terminal.terminalID == "52500123")
        simulator.enqueue(.approve(brand: .girocard, lastDigits: "9876"))
        let prompts = terminal.events()
        guard case .approved(let payment) = try await terminal.authorize(Self.request) else { Issue.record("not approved"); return }
        #expect(payment.amount == Self.amount)
        #expect(payment.maskedPAN.value.hasSuffix("9876") && payment.maskedPAN.value.contains("*"))
        #expect(payment.brand == .girocard)
        let booked = try #require(simulator.ledger.lastTransaction)
        #expect(Int(payment.terminalReceiptNumber) == booked.receiptNumber && payment.terminalReceiptNumber.count == 4)
        #expect(Int(payment.traceNumber) == booked.traceNumber && payment.traceNumber.count == 6)
        #expect(simulator.ledger.netCharges.count == 1)
        var seen: [DeviceEvent] = []
        for await event in prompts {
            seen.append(event)
            if case .terminalPrintout = event { break }
        }
        #expect(seen.contains { if case .terminalPrompt = $0 { true } else { false } })
        let apdus = simulator.ledger.receivedAPDUs.map { [$0.commandClass, $0.instruction] }
        #expect(apdus.first == [0x06, 0x00], "registration first")
        #expect(apdus.contains([0x06, 0x01]))
        await terminal.close()
    }

    @Test(arguments: [(ZVTScriptedOutcome.decline(code: 0x05), UInt8(0x05)), (.cardReadError, 0x64), (.decline(code: 0x78), 0x78)])
    func declinesCarryTheirResultCodeInWords(outcome: ZVTScriptedOutcome, code: UInt8) async throws {
        let terminal = try await started()
        simulator.enqueue(outcome)
        let result = try await terminal.authorize(Self.request)
        guard case .declined(let declined, let message) = result else { Issue.record("\(result)"); return }
        #expect(declined == code)
        #expect(message == ZVTResultCode.describe(code) && !message.isEmpty)
        #expect(simulator.ledger.netCharges.count == 0)
        await terminal.close()
    }

    @Test func theCustomerPressingStopIsACancel() async throws {
        let terminal = try await started()
        simulator.enqueue(.customerAbort)
        #expect(try await terminal.authorize(Self.request) == .cancelledByCustomer)
        await terminal.close()
    }

    @Test func theOperatorsAbortIsSentAndEndsWithoutCharge() async throws {
        let simulator = try ZVTTerminalSimulator.pseudoTerminal(settings: ZVTSimulatorSettings(
            acknowledgementTimeout: .seconds(2), answerTimeout: .seconds(30), customerStepDelay: .seconds(2)))
        let path = try #require(simulator.devicePath)
        let terminal = ZVTPaymentTerminal(line: SerialTerminalLine(settings: .init(path: path, baudRate: 115_200)),
                                          connection: .serial(path: path, baudRate: 115_200), settings: Self.ecr)
        try await terminal.start()
        let payment = Task { try await terminal.authorize(Self.request) }
        try await Task.sleep(for: .milliseconds(300))
        await terminal.abort()
        #expect(try await payment.value == .cancelledByCustomer)
        #expect(simulator.ledger.receivedAPDUs.contains { $0.commandClass == 0x06 && $0.instruction == 0xB0 })
        #expect(simulator.ledger.netCharges.count == 0)
        await terminal.close()
    }

    @Test func silenceAfterTheCommandIsATimeoutWithTheOutcomeOpen() async throws {
        let simulator = try ZVTTerminalSimulator.pseudoTerminal(settings: Self.fast)
        let path = try #require(simulator.devicePath)
        var impatient = Self.ecr
        impatient.masterTimeout = .seconds(2)
        let terminal = ZVTPaymentTerminal(line: SerialTerminalLine(settings: .init(path: path, baudRate: 115_200)),
                                          connection: .serial(path: path, baudRate: 115_200), settings: impatient)
        try await terminal.start()
        simulator.enqueue(.timeout)
        await #expect {
            _ = try await terminal.authorize(Self.request)
        } throws: { error in
            guard let error = error as? DeviceError else { return false }
            return error.code == .timeout && !error.refusedBeforeStarting
        }
        #expect(try await terminal.lastTransaction() == nil, "the terminal has booked nothing")
        await terminal.close()
    }

    @Test(arguments: [ZVTScriptedOutcome.slowIntermediate(count: 4, every: .milliseconds(400)), .garbledFrames, .badCRC, .nakStorm(count: 2)])
    func lineTroubleStillEndsInOneApproval(outcome: ZVTScriptedOutcome) async throws {
        let terminal = try await started()
        simulator.enqueue(outcome)
        guard case .approved = try await terminal.authorize(Self.request) else { Issue.record("not approved after \(outcome)"); return }
        #expect(simulator.ledger.netCharges.count == 1)
        await terminal.close()
    }

    @Test func aNAKStormLongerThanTheRepeatsRefusesBeforeStarting() async throws {
        let terminal = try await started()
        simulator.enqueue(.nakStorm(count: 3))
        await #expect {
            _ = try await terminal.authorize(Self.request)
        } throws: { error in
            (error as? DeviceError).map { $0.code == .protocolViolation && $0.refusedBeforeStarting } ?? false
        }
        #expect(simulator.ledger.netCharges.count == 0)
        guard case .approved = try await terminal.authorize(Self.request) else { Issue.record("the next payment failed"); return }
        await terminal.close()
    }

    @Test func powerLossAfterTheApprovalIsFoundByTheRepeatReceipt() async throws {
        let terminal = try await started()
        simulator.enqueue(.powerLossAfterApproval)
        await #expect(throws: DeviceError.self) { _ = try await terminal.authorize(Self.request) }
        simulator.powerOn()
        let last = try #require(try await terminal.lastTransaction())
        guard case .approved(let payment) = last.outcome else { Issue.record("\(last)"); return }
        #expect(payment.amount == Self.amount)
        #expect(simulator.ledger.netCharges.count == 1)
        await terminal.close()
    }

    @Test func reversalByReceiptNumberThenAgainIsAlreadyReversed() async throws {
        let terminal = try await started()
        guard case .approved(let payment) = try await terminal.authorize(Self.request) else { Issue.record("not approved"); return }
        #expect(try await terminal.reverse(payment) == .reversed)
        #expect(simulator.ledger.netCharges.count == 0)
        #expect(try await terminal.reverse(payment) == .alreadyReversed)
        let unknown = CardPayment(amount: Self.amount, maskedPAN: payment.maskedPAN, brand: .visa, terminalReceiptNumber: "9999", traceNumber: "1")
        guard case .refused(let code, _) = try await terminal.reverse(unknown) else { Issue.record("an unknown receipt was reversed"); return }
        #expect(code == 0xB5)
        await terminal.close()
    }

    @Test func refundAndEndOfDayTotals() async throws {
        let terminal = try await started()
        simulator.enqueue(.approve(brand: .visa), .approve(brand: .girocard))
        _ = try await terminal.authorize(Self.request)
        _ = try await terminal.authorize(PaymentRequest(amount: Money(cents: 1_000, .eur), reference: "sale-2"))
        guard case .approved = try await terminal.refund(Money(cents: 100, .eur)) else { Issue.record("refund not approved"); return }
        let totals = try await terminal.endOfDay()
        #expect(totals.count == 2)
        #expect(totals.total == Money(cents: 1_440, .eur))
        #expect(totals.byBrand.map(\.brand).sorted { $0.rawValue < $1.rawValue } == [.girocard, .visa])
        #expect(totals.receipts.map { $0.count } ?? 0 >= 2)
        let (code, terminalID) = try await terminal.statusEnquiry()
        #expect(code == 0 && terminalID == "52500123")
        await terminal.close()
    }

    @Test func anOfflineTerminalFailsToRegisterWithAWordedTimeout() async throws {
        simulator.setOffline(true)
        try await terminal.open()
        try await terminal.claim()
        await #expect {
            try await terminal.enable()
        } throws: { error in
            (error as? DeviceError).map { $0.code == .timeout && $0.summary.contains("card terminal") } ?? false
        }
        await terminal.close()
    }

    @Test func overTCPTheSameApprovalTravelsBare() async throws {
        let simulator = try ZVTTerminalSimulator.tcp(settings: Self.fast)
        let port = try #require(simulator.port)
        let terminal = ZVTPaymentTerminal(line: TCPTerminalLine(host: "127.0.0.1", port: UInt16(port)),
                                          connection: .tcp(host: "127.0.0.1", port: port), settings: Self.ecr)
        try await terminal.start()
        guard case .approved = try await terminal.authorize(Self.request) else { Issue.record("not approved over TCP"); return }
        #expect(simulator.ledger.netCharges.count == 1)
        await terminal.close()
    }
}
