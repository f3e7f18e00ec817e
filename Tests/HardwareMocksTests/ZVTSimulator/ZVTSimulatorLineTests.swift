import HardwareMocks
import StandCore
import StandHardware
import Testing

/// The transport: ACK/NAK and repeats on the serial line, stray bytes, broken CRCs, NAK storms,
/// silence (offline, power loss), reconnects, TCP.
@Suite(.serialized) struct ZVTSimulatorLineTests {
    typealias Fixture = ZVTSimulatorFixture

    static let approval = ["80 00", "04 FF", "04 FF", "04 0F", "06 D3", "06 0F"]

    @Test func garbledFramesComeWithStrayBytesTheReaderSkips() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.garbledFrames)

        let apdus = try ecr.transact(.authorization(amount: 154, currency: 978))

        #expect(codes(apdus) == Self.approval)
        let noise = ecr.events.compactMap { event -> [UInt8]? in
            if case .noise(let bytes) = event { return bytes }
            return nil
        }
        // One run before each of the terminal's six frames.
        #expect(noise.count == 6)
        #expect(noise.allSatisfy { $0 == [0x00, 0xFF, 0x55, 0xAA, 0x7E, 0x20] })
        #expect(!ecr.events.contains(.corrupt))
        #expect(simulator.ledger.netCharges.count == 1)
    }

    @Test func badCRCIsNAKedAndTheSameFrameComesAgain() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.badCRC)

        let apdus = try ecr.transact(.authorization(amount: 154, currency: 978))

        #expect(codes(apdus) == Self.approval)
        #expect(Array(ecr.events.prefix(3)) == [.ack, .corrupt, .apdu(.positiveAcknowledgement)])
        // ACK for the command, the broken frame (CRC high byte wrong), then the same frame whole.
        let good = ZVTFrame.encode(.positiveAcknowledgement)
        var broken = good
        broken[broken.count - 1] ^= 0xFF
        #expect(Array(ecr.bytes.prefix(1 + 2 * good.count)) == [ZVTFrame.ack] + broken + good)
        #expect(simulator.ledger.netCharges.count == 1)
    }

    @Test func nakStormRefusesTheNextFramesThenTheCommandGoesThrough() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.nakStorm(count: 2), .approve(brand: .girocard, lastDigits: "7777"))
        let command = try ZVTCommand.authorization(amount: 420, currency: 978).apdu

        #expect(ecr.write(command) == .nak)
        #expect(ecr.write(command) == .nak)
        #expect(ecr.write(command) == .ack)
        let apdus = try ecr.collect()

        #expect(codes(apdus) == Self.approval)
        #expect(try Fixture.statusInformation(apdus[3]).cardName == "girocard")
        #expect(codes(simulator.ledger.receivedAPDUs).filter { $0 == "06 01" }.count == 1)
    }

    @Test func aNakStormLongerThanTheRepeatsMakesTheECRGiveUpWithoutACharge() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.nakStorm(count: 3))

        #expect(throws: TestECR.Failure.self) { try ecr.send(ZVTCommand.authorization(amount: 420, currency: 978).apdu) }
        #expect(simulator.ledger.transactions.isEmpty && simulator.ledger.receivedAPDUs.isEmpty)

        let apdus = try ecr.transact(.authorization(amount: 420, currency: 978))
        #expect(codes(apdus) == Self.approval)
        #expect(simulator.ledger.netCharges == ZVTNetCharges(count: 1, amount: 420))
    }

    @Test func aFrameTheECRNAKsIsSentAgainIdentical() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        ecr.acknowledgesFrames = false

        try ecr.send(ZVTCommand.statusEnquiry(password: 0).apdu)
        let first = try #require(ecr.receive())
        let sent = ecr.bytes.count
        ecr.writeRaw([ZVTFrame.nak])
        let again = try #require(ecr.receive())
        #expect(first == again && first.isPositiveAcknowledgement)
        #expect(Array(ecr.bytes[sent...]) == ZVTFrame.encode(first))
        ecr.writeRaw([ZVTFrame.ack])
        ecr.acknowledgesFrames = true

        #expect(codes(try ecr.collect()) == ["04 0F", "06 0F"])
    }

    @Test func aFrameWithoutACKIsRepeatedAfterT3TwiceThenTheTerminalGivesUp() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        ecr.acknowledgesFrames = false

        let start = ContinuousClock.now
        try ecr.send(ZVTCommand.authorization(amount: 100, currency: 978).apdu)
        var arrivals: [ContinuousClock.Instant] = []
        while let apdu = ecr.receive(timeout: .milliseconds(600)) {
            #expect(apdu.isPositiveAcknowledgement)
            arrivals.append(.now)
        }

        // The frame, then two repeats, each after T3 (200 ms) without an ACK.
        #expect(arrivals.count == 3)
        #expect(try #require(arrivals.last) - start >= .milliseconds(400))
        #expect(simulator.ledger.transactions.isEmpty)
        // Back between commands: the ECR that answers again is served.
        ecr.acknowledgesFrames = true
        #expect(codes(try ecr.transact(.statusEnquiry(password: 0))) == ["80 00", "04 0F", "06 0F"])
    }

    @Test func offlineAnswersNothingUntilOnlineAgain() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.setOffline(true)

        #expect(ecr.write(try ZVTCommand.statusEnquiry(password: 0).apdu, timeout: .milliseconds(300)) == nil)
        #expect(ecr.receive(timeout: .milliseconds(200)) == nil)

        simulator.setOffline(false)
        #expect(codes(try ecr.transact(.statusEnquiry(password: 0))) == ["80 00", "04 0F", "06 0F"])
        #expect(codes(simulator.ledger.receivedAPDUs) == ["05 01", "80 00", "80 00"])
    }

    @Test func powerLossAfterApprovalLeavesTheChargeThatTheRepeatReceiptShows() throws {
        let (simulator, ecr) = try Fixture.serial()
        defer { simulator.stop() }
        simulator.enqueue(.powerLossAfterApproval)

        try ecr.send(ZVTCommand.authorization(amount: 880, currency: 978).apdu)
        #expect(ecr.receive()?.isPositiveAcknowledgement == true)
        for _ in 0..<2 {
            #expect(ecr.receive()?.instruction == 0xFF)
            try ecr.send(.positiveAcknowledgement)
        }
        let approval = try Fixture.statusInformation(ecr.receive())
        #expect(approval.resultCode == 0x00 && approval.amount == 880)
        // The terminal is dark: the answer gets no ACK, nothing follows, commands go unanswered.
        #expect(ecr.write(.positiveAcknowledgement, timeout: .milliseconds(300)) == nil)
        #expect(ecr.receive(timeout: .milliseconds(200)) == nil)
        #expect(ecr.write(try ZVTCommand.repeatReceipt(password: 0).apdu, timeout: .milliseconds(300)) == nil)
        #expect(simulator.ledger.netCharges == ZVTNetCharges(count: 1, amount: 880))

        simulator.powerOn()
        let repeated = try ecr.transact(.repeatReceipt(password: 0))
        #expect(codes(repeated) == ["80 00", "04 0F", "06 D3", "06 0F"])
        #expect(try Fixture.statusInformation(repeated[1]) == approval)
    }

    @Test func powerComesBackByItselfAfterThePowerOffDuration() async throws {
        var settings = Fixture.settings
        settings.powerOffDuration = .milliseconds(300)
        let (simulator, ecr) = try Fixture.serial(settings)
        defer { simulator.stop() }
        simulator.enqueue(.powerLossAfterApproval)
        try ecr.send(ZVTCommand.authorization(amount: 100, currency: 978).apdu)
        #expect(ecr.receive()?.isPositiveAcknowledgement == true)
        for _ in 0..<2 {
            _ = ecr.receive()
            try ecr.send(.positiveAcknowledgement)
        }
        #expect(try Fixture.statusInformation(ecr.receive()).resultCode == 0x00)

        try await Task.sleep(for: .milliseconds(400))
        let repeated = try ecr.transact(.repeatReceipt(password: 0))
        #expect(try Fixture.statusInformation(repeated[1]).resultCode == 0x00)
    }

    @Test func numbersGoOnWhenTheECRClosesAndReopensThePort() async throws {
        let simulator = try ZVTTerminalSimulator.pseudoTerminal(settings: Fixture.settings)
        defer { simulator.stop() }
        let path = try #require(simulator.devicePath)
        do {
            let first = try TestECR.serial(path)
            _ = try first.transact(.authorization(amount: 100, currency: 978))
        }

        try await Task.sleep(for: .milliseconds(20))
        let second = try TestECR.serial(path)
        let apdus = try second.transact(.authorization(amount: 200, currency: 978))

        #expect(try Fixture.statusInformation(apdus[3]).receiptNumber == 2)
        #expect(simulator.ledger.transactions.map(\.receiptNumber) == [1, 2])
    }

    @Test func overTCPTheAPDUsTravelBareAndTheTerminalAcceptsAgain() throws {
        let simulator = try ZVTTerminalSimulator.tcp(settings: Fixture.settings)
        defer { simulator.stop() }
        let port = try #require(simulator.port)
        #expect(simulator.devicePath == nil && port > 0)

        do {
            let ecr = try TestECR.tcp(port: port)
            let apdus = try ecr.transact(.authorization(amount: 154, currency: 978))
            #expect(codes(apdus) == Self.approval)
            #expect(try Fixture.statusInformation(apdus[3]).amount == 154)
            #expect(!ecr.events.contains(.ack) && !ecr.events.contains(.nak))
        }
        let again = try TestECR.tcp(port: port)
        #expect(codes(try again.transact(.statusEnquiry(password: 0))) == ["80 00", "04 0F", "06 0F"])
        #expect(simulator.ledger.netCharges == ZVTNetCharges(count: 1, amount: 154))
    }

    @Test func stopIsIdempotentAndHangsUpTheLine() throws {
        let (simulator, ecr) = try Fixture.serial()
        simulator.stop()
        simulator.stop()
        #expect(ecr.write(try ZVTCommand.statusEnquiry(password: 0).apdu, timeout: .milliseconds(200)) == nil)

        let tcp = try ZVTTerminalSimulator.tcp(settings: Fixture.settings)
        let port = try #require(tcp.port)
        tcp.stop()
        #expect(throws: TestECR.Failure.self) { try TestECR.tcp(port: port) }
    }
}
