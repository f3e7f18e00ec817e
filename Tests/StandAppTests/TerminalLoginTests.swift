import Foundation
import StandApp
import StandCore
import StandHardware
import Testing

@Suite("Operator terminal: PINs, lockout, auto-lock, supervisor approval")
struct TerminalLoginTests {
    @Test func fiveWrongPINsLockPINEntryFor30Seconds() throws {
        var harness = try TerminalHarness()
        harness.type("1111")
        harness.press(.enter)
        #expect(harness.lcd == TerminalHarness.rows("Demo Hot Dogs LOCKED", "Wrong PIN - 4 tries", "left", "PIN:"))
        for _ in 0..<3 {
            harness.type("1111")
            harness.press(.enter)
        }
        harness.type("1111")
        let locked = harness.press(.enter)
        #expect(locked == [.log("5 wrong PINs at login: PIN entry refused for 30 s")])
        // The right PIN is refused during the lockout.
        harness.advance(10)
        harness.type("1234")
        harness.press(.enter)
        #expect(harness.terminal.currentOperator == nil)
        #expect(harness.lcd == TerminalHarness.rows("Demo Hot Dogs LOCKED", "Too many wrong PINs", "- wait 20 s", "PIN:"))
        harness.advance(20)
        harness.feed(.tick)
        harness.type("1234")
        harness.press(.enter)
        #expect(harness.terminal.currentOperator?.id == "anna")
    }

    @Test func autoLockAfterIdleKeepsTheCart() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1))
        harness.advance(299)
        #expect(harness.feed(.tick).isEmpty)
        harness.advance(1)
        #expect(harness.feed(.tick) == [.lock, .log("anna: locked after 5 min without a key press")])
        #expect(harness.terminal.state == .locked)
        harness.type("9999")
        harness.press(.enter)
        #expect(harness.terminal.currentOperator?.id == "sam")
        #expect(harness.terminal.cart.items == [CartItem("hotdog")])
    }

    @Test func noAutoLockWhileACardPaymentRuns() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1), .card)
        harness.advance(3600)
        #expect(harness.feed(.tick).isEmpty)
    }

    @Test func voidOfACommittedSaleNeedsASupervisorPIN() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1), .cash, .enter)
        guard case .committing(let sale) = harness.terminal.state else {
            Issue.record("expected a committing sale, found \(harness.terminal.state)")
            return
        }
        harness.feed(.saleCommitted(sale.id, journalSequence: 3))
        #expect(harness.press(.voidLine).isEmpty)
        #expect(harness.lcd == TerminalHarness.rows("VOID LAST SALE  3.50", "Supervisor PIN, then", "ENTER", "PIN:"))
        // An operator's PIN does not approve.
        harness.type("1234")
        let refused = harness.press(.enter)
        #expect(!refused.contains { if case .refundOrVoid = $0 { true } else { false } })
        #expect(harness.lcd[1] == TerminalHarness.rows("Anna is not a")[0])
        harness.type("9999")
        let approved = harness.press(.enter)
        let request = RefundRequest(sale: sale, kind: .void, scope: .wholeSale, operatorID: "anna", supervisorID: "sam",
                                    reason: "voided at the till", restock: true)
        #expect(TerminalHarness.effects(approved) == [.refundOrVoid(request)])
        #expect(harness.terminal.state == .awaitingOperation(.refund))
        let done = harness.feed(.operationSucceeded(.refund, message: "Sale voided: 3.50 back"))
        #expect(TerminalHarness.effects(done) == [.openDrawer])
        #expect(harness.lcd == TerminalHarness.rows("Anna           READY", "Sale voided: 3.50", "back", "TOTAL           0.00"))
    }

    @Test func voidingALineOfTheOpenCartNeedsNoSupervisor() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1))
        harness.press(.voidLine)
        #expect(harness.terminal.cart.isEmpty)
        #expect(harness.terminal.state == .ringing)
    }
}
