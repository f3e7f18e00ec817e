import HardwareMocks
import StandCore
import StandHardware
import Testing

@Suite struct MockPaymentTerminalTests {
    static func request(_ cents: Int64, _ reference: String = "sale-1/1") -> PaymentRequest {
        PaymentRequest(amount: Money(cents: cents, .eur), reference: reference)
    }

    static func startedTerminal() async throws -> MockPaymentTerminal {
        let terminal = MockPaymentTerminal()
        try await terminal.start()
        return terminal
    }

    @Test func approvesWithMaskedCardAndIncrementingNumbers() async throws {
        let terminal = try await Self.startedTerminal()
        terminal.enqueue(.approve(), .approve(brand: .girocard, lastDigits: "9876"))
        let recorder = EventRecorder(terminal)
        guard case .approved(let first) = try await terminal.authorize(Self.request(750)) else {
            Issue.record("not approved"); return
        }
        #expect(first.maskedPAN.value == "************1234")
        #expect(first.brand == .visa && first.amount == Money(cents: 750, .eur))
        #expect(first.terminalReceiptNumber == "0001" && first.traceNumber == "100001")
        guard case .approved(let second) = try await terminal.authorize(Self.request(300, "sale-2/1")) else {
            Issue.record("not approved"); return
        }
        #expect(second.maskedPAN.value == "************9876" && second.brand == .girocard)
        #expect(second.terminalReceiptNumber == "0002" && second.traceNumber == "100002")
        #expect(terminal.chargeCount == 2)
        let events = await recorder.wait { $0.filter { $0 == .terminalPrompt("Approved") }.count == 2 }
        #expect(Array(events.prefix(4)) == [.terminalPrompt("Insert card"), .cardInserted, .terminalPrompt("PIN entry"), .terminalPrompt("Approved")])
    }

    @Test func declineDoesNotCharge() async throws {
        let terminal = try await Self.startedTerminal()
        terminal.enqueue(.decline(code: 0x05, message: "Do not honour"))
        #expect(try await terminal.authorize(Self.request(500)) == .declined(code: 0x05, message: "Do not honour"))
        #expect(terminal.chargeCount == 0)
        #expect(terminal.prompts == ["Insert card", "PIN entry", "Declined"])
    }

    @Test func timeoutThrowsAfterTheDelay() async throws {
        let terminal = try await Self.startedTerminal()
        terminal.enqueue(.timeout(after: .milliseconds(30)))
        let elapsed = await ContinuousClock().measure {
            await #expect(throws: DeviceError.timeout(.paymentTerminal, "authorize 5.00", detail: "scripted timeout")) {
                _ = try await terminal.authorize(Self.request(500))
            }
        }
        #expect(elapsed >= .milliseconds(30))
        #expect(terminal.chargeCount == 0)
        // The terminal is free again.
        if case .approved = try await terminal.authorize(Self.request(500)) {} else { Issue.record("second attempt not approved") }
    }

    @Test func customerCancel() async throws {
        let terminal = try await Self.startedTerminal()
        terminal.enqueue(.customerCancel)
        #expect(try await terminal.authorize(Self.request(100)) == .cancelledByCustomer)
        #expect(terminal.chargeCount == 0 && terminal.prompts.last == "Cancelled")
    }

    @Test func offlineTerminalThrowsDisconnectedAndStaysDown() async throws {
        let terminal = try await Self.startedTerminal()
        terminal.enqueue(.offline)
        await #expect(throws: DeviceError.disconnected(.paymentTerminal, detail: "scripted: terminal offline")) {
            _ = try await terminal.authorize(Self.request(100))
        }
        #expect(terminal.state == .disconnected)
        await #expect(throws: DeviceError.self) { _ = try await terminal.authorize(Self.request(100)) }
        terminal.plugIn()
        try await terminal.start()
        if case .approved = try await terminal.authorize(Self.request(100)) {} else { Issue.record("not approved after plug-in") }
        // The attempt while unplugged never reached the terminal.
        #expect(terminal.chargeCount == 1 && terminal.requests.count == 2)
    }

    @Test func abortEndsTheAuthorizationWithoutCharge() async throws {
        let terminal = try await Self.startedTerminal()
        terminal.setProcessingDelay(.seconds(5))
        let recorder = EventRecorder(terminal)
        let attempt = Task { try await terminal.authorize(Self.request(900)) }
        _ = await recorder.wait(for: .cardInserted)
        await terminal.abort()
        #expect(try await attempt.value == .cancelledByCustomer)
        #expect(terminal.chargeCount == 0)
    }

    @Test func secondAuthorizationWhileBusyIsRefused() async throws {
        let terminal = try await Self.startedTerminal()
        terminal.setProcessingDelay(.milliseconds(200))
        let recorder = EventRecorder(terminal)
        let first = Task { try await terminal.authorize(Self.request(100)) }
        _ = await recorder.wait(for: .cardInserted)
        await #expect(throws: DeviceError.busy(.paymentTerminal, detail: "an authorization is already in progress")) {
            _ = try await terminal.authorize(Self.request(100))
        }
        _ = try await first.value
        #expect(terminal.chargeCount == 1)
    }
}
