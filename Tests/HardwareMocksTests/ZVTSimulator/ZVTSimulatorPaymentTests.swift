import HardwareMocks
import StandCore
import StandHardware
import Testing

/// Authorizations over a real pseudo-terminal, one per scripted outcome: what the ECR sees, and
/// what the terminal booked.
@Suite(.serialized) struct ZVTSimulatorPaymentTests {
    typealias Fixture = ZVTSimulatorFixture

    @Test func approvalGoesThroughStatusesResultReceiptAndCompletion() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.approve(brand: .mastercard, lastDigits: "4321"))

        let apdus = try ecr.transact(.authorization(amount: 154, currency: 978))

        #expect(codes(apdus) == ["80 00", "04 FF", "04 FF", "04 0F", "06 D3", "06 0F"])
        #expect(try apdus[1...2].map(Fixture.intermediateStatus) == [0x0A, 0x0E])
        let result = try Fixture.statusInformation(apdus[3])
        #expect(result.resultCode == 0x00 && result.amount == 154 && result.currency == 978)
        #expect(result.traceNumber == 1 && result.receiptNumber == 1 && result.terminalID == "52500123")
        #expect(result.maskedPAN == "************4321" && result.cardName == "Mastercard" && result.cardType == 6)
        #expect(result.aid == "AC000001" && result.paymentType == 0x60)
        #expect(result.date != nil && result.time != nil && result.expiry?.month == 12)
        let receipt = try Fixture.textBlock(apdus[4])
        #expect(receipt.receiptType == .customer)
        #expect(receipt.lines.contains("PAYMENT         1.54 EUR") && receipt.lines.contains("APPROVED"))
        #expect(receipt.lines.contains("************4321"))

        let ledger = simulator.ledger
        #expect(ledger.transactions.count == 1)
        let payment = try #require(ledger.lastTransaction)
        #expect(payment.kind == .payment && payment.isApproved && !payment.isReversed)
        #expect(payment.amount == 154 && payment.receiptNumber == 1 && payment.traceNumber == 1)
        #expect(payment.card == ZVTSimulatedCard(brand: .mastercard, lastDigits: "4321"))
        #expect(ledger.netCharges == ZVTNetCharges(count: 1, amount: 154))
        // The command, then the ECR's answer to each of the terminal's five messages.
        #expect(codes(ledger.receivedAPDUs) == ["06 01"] + Array(repeating: "80 00", count: 5))
    }

    @Test func printLinesDeliverTheReceiptOneLineAtATime() throws {
        var settings = Fixture.settings
        settings.receiptDelivery = .printLines
        let (simulator, ecr) = try Fixture.serial(settings)
        defer { simulator.stop() }

        let apdus = try ecr.transact(.authorization(amount: 250, currency: 978))

        let printed = apdus.filter { $0.commandClass == 0x06 && $0.instruction == 0xD1 }
        #expect(printed.count >= 8)
        #expect(codes(apdus) == ["80 00", "04 FF", "04 FF", "04 0F"] + codes(printed) + ["06 0F"])
        let texts = try printed.map { apdu -> String in
            guard case .printLine(_, let text) = try ZVTTerminalMessage.decode(apdu) else { return "" }
            return text
        }
        #expect(texts.contains("PAYMENT         2.50 EUR") && texts.last == "APPROVED")
    }

    @Test func declineReportsTheCodeThenAbortsWithIt() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.decline(code: 0x05))

        let apdus = try ecr.transact(.authorization(amount: 990, currency: 978))

        #expect(codes(apdus) == ["80 00", "04 FF", "04 FF", "04 0F", "06 1E"])
        let result = try Fixture.statusInformation(apdus[3])
        #expect(result.resultCode == 0x05 && result.amount == 990 && result.maskedPAN == nil)
        #expect(try Fixture.abortCode(apdus[4]) == 0x05)
        let declined = try #require(simulator.ledger.lastTransaction)
        #expect(!declined.isApproved && declined.resultCode == 0x05)
        #expect(simulator.ledger.netCharges == ZVTNetCharges(count: 0, amount: 0))
    }

    @Test func customerAbortEndsWithAbort6C() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.customerAbort)

        let apdus = try ecr.transact(.authorization(amount: 300, currency: 978))

        #expect(codes(apdus) == ["80 00", "04 FF", "06 1E"])
        #expect(try Fixture.abortCode(apdus[2]) == 0x6C)
        #expect(simulator.ledger.lastTransaction?.resultCode == 0x6C)
        #expect(simulator.ledger.netCharges.count == 0)
    }

    @Test func cardReadErrorShowsStatus0CThenDeclines64() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.cardReadError)

        let apdus = try ecr.transact(.authorization(amount: 300, currency: 978))

        #expect(codes(apdus) == ["80 00", "04 FF", "04 FF", "04 0F", "06 1E"])
        #expect(try apdus[1...2].map(Fixture.intermediateStatus) == [0x0A, 0x0C])
        #expect(try Fixture.statusInformation(apdus[3]).resultCode == 0x64)
        #expect(try Fixture.abortCode(apdus[4]) == 0x64)
    }

    @Test func anotherCurrencyIsDeclinedWithWrongCurrency() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }

        let apdus = try ecr.transact(.authorization(amount: 300, currency: 840))

        #expect(codes(apdus).suffix(2) == ["04 0F", "06 1E"])
        #expect(try Fixture.abortCode(apdus.last) == 0x6F)
        #expect(simulator.ledger.netCharges.count == 0)
    }

    @Test func slowIntermediateSendsPleaseWaitOverTimeThenApproves() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.slowIntermediate(count: 3, every: .milliseconds(150)))

        let start = ContinuousClock.now
        let apdus = try ecr.transact(.authorization(amount: 500, currency: 978))
        let elapsed = ContinuousClock.now - start

        #expect(codes(apdus) == ["80 00", "04 FF", "04 FF", "04 FF", "04 FF", "04 0F", "06 D3", "06 0F"])
        #expect(try apdus[1...4].map(Fixture.intermediateStatus) == [0x0A, 0x0E, 0x0E, 0x0E])
        #expect(elapsed >= .milliseconds(450))
        #expect(simulator.ledger.netCharges == ZVTNetCharges(count: 1, amount: 500))
    }

    @Test func timeoutTakesTheCommandThenSaysNothingAndChargesNothing() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.timeout)

        try ecr.send(ZVTCommand.authorization(amount: 700, currency: 978).apdu)
        #expect(ecr.receive()?.isPositiveAcknowledgement == true)
        #expect(ecr.receive(timeout: .milliseconds(400)) == nil)

        // The ECR gives up and aborts: the terminal takes the abort and still says nothing.
        #expect(ecr.write(try ZVTCommand.abort.apdu) == .ack)
        #expect(ecr.receive()?.isPositiveAcknowledgement == true)
        #expect(ecr.receive(timeout: .milliseconds(300)) == nil)

        // The next command is served as usual.
        let status = try ecr.transact(.statusEnquiry(password: 0))
        #expect(codes(status) == ["80 00", "04 0F", "06 0F"])
        #expect(simulator.ledger.transactions.isEmpty)
    }

    @Test func aCommandEndsTheSilenceOfATimeout() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.timeout)

        try ecr.send(ZVTCommand.authorization(amount: 700, currency: 978).apdu)
        #expect(ecr.receive()?.isPositiveAcknowledgement == true)
        #expect(ecr.receive(timeout: .milliseconds(300)) == nil)

        let receipt = try ecr.transact(.repeatReceipt(password: 0))
        #expect(codes(receipt) == ["80 00", "06 1E"])
        #expect(try Fixture.abortCode(receipt.last) == 0x83)
    }

    @Test func ecrAbortDuringTheAuthorizationIsConfirmedThenAborted6C() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }

        try ecr.send(ZVTCommand.authorization(amount: 1200, currency: 978).apdu)
        #expect(ecr.receive()?.isPositiveAcknowledgement == true)
        let insertCard = try #require(ecr.receive())
        #expect(try Fixture.intermediateStatus(insertCard) == 0x0A)
        // In place of the answer to the intermediate status.
        try ecr.send(ZVTCommand.abort.apdu)

        let rest = try ecr.collect()
        #expect(codes(rest) == ["80 00", "06 1E"])
        #expect(try Fixture.abortCode(rest.last) == 0x6C)
        #expect(simulator.ledger.lastTransaction?.resultCode == 0x6C)
        #expect(simulator.ledger.netCharges.count == 0)
    }

    @Test func aCommandInPlaceOfTheAnswerEndsTheTransactionAndIsServed() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }

        try ecr.send(ZVTCommand.authorization(amount: 330, currency: 978).apdu)
        #expect(ecr.receive()?.isPositiveAcknowledgement == true)
        for _ in 0..<2 {
            _ = ecr.receive()
            try ecr.send(.positiveAcknowledgement)
        }
        let approval = try #require(ecr.receive())
        // The ECR restarted and lost the payment: it asks for the last receipt instead of answering.
        let repeated = try ecr.transact(.repeatReceipt(password: 0))

        #expect(codes(repeated) == ["80 00", "04 0F", "06 D3", "06 0F"])
        #expect(repeated[1] == approval)
        #expect(simulator.ledger.netCharges == ZVTNetCharges(count: 1, amount: 330))
    }

    @Test func scriptedOutcomesApplyInOrderThenApprove() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.decline(code: 0x05), .approve(brand: .girocard, lastDigits: "0016"))

        _ = try ecr.transact(.authorization(amount: 100, currency: 978))
        let second = try Fixture.statusInformation(try ecr.transact(.authorization(amount: 200, currency: 978))[3])
        let third = try Fixture.statusInformation(try ecr.transact(.authorization(amount: 300, currency: nil))[3])

        #expect(second.resultCode == 0 && second.cardName == "girocard" && second.maskedPAN == "************0016")
        #expect(third.resultCode == 0 && third.cardName == "VISA")
        #expect(simulator.ledger.transactions.map(\.receiptNumber) == [1, 2, 3])
        #expect(simulator.ledger.transactions.map(\.traceNumber) == [1, 2, 3])
        #expect(simulator.ledger.netCharges == ZVTNetCharges(count: 2, amount: 500))
    }
}
