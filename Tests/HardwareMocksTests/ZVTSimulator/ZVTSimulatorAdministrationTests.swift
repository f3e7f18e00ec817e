import HardwareMocks
import StandCore
import StandHardware
import Testing

/// Registration, reversal, refund, repeat receipt, end of day, status enquiry, log-off and the
/// commands the terminal refuses.
@Suite(.serialized) struct ZVTSimulatorAdministrationTests {
    typealias Fixture = ZVTSimulatorFixture

    @Test func registrationIsCompletedWithTheTerminalID() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }

        let apdus = try ecr.transact(.registration(password: 123_456, config: 0x86, currency: 978, serviceByte: 0x00,
                                                   acceptedCommands: [0x06D3]))

        #expect(codes(apdus) == ["80 00", "06 0F"])
        guard case .completion(let completion) = try ZVTTerminalMessage.decode(apdus[1]) else {
            Issue.record("not a completion")
            return
        }
        #expect(completion.terminalID == "52500123" && completion.currency == 978)
    }

    @Test func statusEnquiryReportsReadyWithTheTerminalID() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }

        let apdus = try ecr.transact(.statusEnquiry(password: 0))

        #expect(codes(apdus) == ["80 00", "04 0F", "06 0F"])
        let status = try Fixture.statusInformation(apdus[1])
        #expect(status.resultCode == 0x00 && status.terminalID == "52500123")
        guard case .completion(let completion) = try ZVTTerminalMessage.decode(apdus[2]) else {
            Issue.record("not a completion")
            return
        }
        #expect(completion.statusByte == 0x00)
    }

    @Test func logOffIsAcknowledgedAndUnknownOrMalformedCommandsAreRefused() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }

        try ecr.send(ZVTCommand.logOff.apdu)
        #expect(ecr.receive() == .positiveAcknowledgement)
        #expect(ecr.receive(timeout: .milliseconds(200)) == nil)
        try ecr.send(ZVTAPDU(0x06, 0x99))
        #expect(ecr.receive() == .negativeAcknowledgement(0x83))
        // An authorization without its amount.
        try ecr.send(ZVTAPDU(0x06, 0x01))
        #expect(ecr.receive() == .negativeAcknowledgement(0x9A))
        // An abort with nothing running.
        try ecr.send(ZVTCommand.abort.apdu)
        #expect(ecr.receive() == .negativeAcknowledgement(0x83))
        #expect(simulator.ledger.transactions.isEmpty)
    }

    @Test func repeatReceiptShowsTheLastTransactionAsItWasOrAbortsWhenThereIsNone() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }

        let none = try ecr.transact(.repeatReceipt(password: 0))
        #expect(codes(none) == ["80 00", "06 1E"])
        #expect(try Fixture.abortCode(none.last) == 0x83)

        let payment = try ecr.transact(.authorization(amount: 650, currency: 978))
        let repeated = try ecr.transact(.repeatReceipt(password: 0))
        #expect(codes(repeated) == ["80 00", "04 0F", "06 D3", "06 0F"])
        // The same status information and receipt, byte for byte.
        #expect(repeated[1] == payment[3] && repeated[2] == payment[4])

        simulator.enqueue(.decline(code: 0x05))
        _ = try ecr.transact(.authorization(amount: 100, currency: 978))
        let declined = try ecr.transact(.repeatReceipt(password: 0))
        #expect(codes(declined) == ["80 00", "04 0F", "06 D3", "06 0F"])
        #expect(try Fixture.statusInformation(declined[1]).resultCode == 0x05)
        #expect(try Fixture.textBlock(declined[2]).lines.last == "DECLINED (05)")
    }

    @Test func reversalByReceiptNumberUndoesThatPaymentOnce() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.approve(brand: .girocard, lastDigits: "1111"), .approve(brand: .visa, lastDigits: "2222"))
        _ = try ecr.transact(.authorization(amount: 300, currency: 978))
        _ = try ecr.transact(.authorization(amount: 450, currency: 978))

        let reversal = try ecr.transact(.reversal(password: 0, receiptNumber: 1))

        #expect(codes(reversal) == ["80 00", "04 0F", "06 D3", "06 0F"])
        let result = try Fixture.statusInformation(reversal[1])
        #expect(result.resultCode == 0x00 && result.amount == 300)
        #expect(result.receiptNumber == 3 && result.traceNumber == 3 && result.originalTraceNumber == 1)
        #expect(result.maskedPAN == "************1111")
        #expect(try Fixture.textBlock(reversal[2]).lines.contains("REVERSAL        3.00 EUR"))
        let ledger = simulator.ledger
        #expect(ledger.transactions.map(\.kind) == [.payment, .payment, .reversal])
        #expect(ledger.transactions.map(\.isReversed) == [true, false, false])
        #expect(ledger.transactions[2].reversedReceiptNumber == 1)
        #expect(ledger.netCharges == ZVTNetCharges(count: 1, amount: 450))

        let again = try ecr.transact(.reversal(password: 0, receiptNumber: 1))
        #expect(codes(again) == ["80 00", "06 1E"])
        #expect(try Fixture.abortCode(again.last) == 0xB4)
        let unknown = try ecr.transact(.reversal(password: 0, receiptNumber: 99))
        #expect(try Fixture.abortCode(unknown.last) == 0xB5)
        // The reversal itself is not a payment to reverse.
        #expect(try Fixture.abortCode(try ecr.transact(.reversal(password: 0, receiptNumber: 3)).last) == 0xB5)
        #expect(simulator.ledger.transactions.count == 3)
    }

    @Test func aDeclinedPaymentCannotBeReversed() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.decline(code: 0x05))
        _ = try ecr.transact(.authorization(amount: 300, currency: 978))

        let reversal = try ecr.transact(.reversal(password: 0, receiptNumber: 1))

        #expect(try Fixture.abortCode(reversal.last) == 0xB5)
    }

    @Test func refundPaysBackAndLeavesTheChargesAlone() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        _ = try ecr.transact(.authorization(amount: 500, currency: 978))

        let refund = try ecr.transact(.refund(password: 0, amount: 200, currency: 978))

        #expect(codes(refund) == ["80 00", "04 FF", "04 FF", "04 0F", "06 D3", "06 0F"])
        #expect(try Fixture.statusInformation(refund[3]).amount == 200)
        #expect(try Fixture.textBlock(refund[4]).lines.contains("REFUND          2.00 EUR"))
        let ledger = simulator.ledger
        #expect(ledger.transactions.map(\.kind) == [.payment, .refund])
        #expect(ledger.transactions.allSatisfy { $0.isApproved })
        #expect(ledger.netCharges == ZVTNetCharges(count: 1, amount: 500))
    }

    @Test func endOfDayTotalsTheBatchPerSchemeAndStartsANewOne() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.approve(brand: .visa, lastDigits: "0001"), .approve(brand: .girocard, lastDigits: "0002"),
                          .approve(brand: .mastercard, lastDigits: "0003"), .decline(code: 0x05),
                          .approve(brand: .vpay, lastDigits: "0005"))
        for amount: Int64 in [100, 250, 300, 999, 40] {
            _ = try ecr.transact(.authorization(amount: amount, currency: 978))
        }
        _ = try ecr.transact(.reversal(password: 0, receiptNumber: 3))

        let endOfDay = try ecr.transact(.endOfDay(password: 0))

        #expect(codes(endOfDay) == ["80 00", "04 0F", "06 0F"])
        let report = try Fixture.statusInformation(endOfDay[1])
        #expect(report.resultCode == 0x00 && report.amount == 390 && report.terminalID == "52500123")
        let totals = try #require(report.totals)
        #expect(totals.firstReceiptNumber == 1 && totals.lastReceiptNumber == 6)
        #expect(totals.visa == ZVTTotals.Line(count: 2, turnover: 140))
        #expect(totals.girocard == ZVTTotals.Line(count: 1, turnover: 250))
        #expect(totals.eurocard == .zero && totals.amex == .zero && totals.other == .zero)

        // A new batch: empty, and the old one's payments are no longer reversible.
        let next = try Fixture.statusInformation(try ecr.transact(.endOfDay(password: 0))[1])
        #expect(next.amount == 0 && next.totals?.lines.allSatisfy { $0 == .zero } == true)
        #expect(try Fixture.abortCode(try ecr.transact(.reversal(password: 0, receiptNumber: 1)).last) == 0xB5)
        #expect(simulator.ledger.netCharges == ZVTNetCharges(count: 3, amount: 390))
    }
}
