import Foundation
import StandApp
import StandCore
import StandHardware
import Testing

@Suite("Operator terminal: card payments")
struct TerminalCardTests {
    @Test func approvedCardCommitsWithTheCardTenderThenPrintsWithoutTheDrawer() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1))
        let request = try #require(TerminalHarness.cardRequest(harness.press(.card)))
        #expect(request.amount == Money(cents: 350, .eur))
        #expect(harness.lcd == TerminalHarness.rows("CARD            3.50", "CARD: insert card", "", "CLEAR cancels"))
        harness.feed(.cardPrompt("Enter PIN"))
        #expect(harness.lcd[1] == TerminalHarness.rows("Enter PIN")[0])
        let payment = TerminalHarness.card(request.amount)
        let actions = harness.feed(.cardFinished(reference: request.reference, .approved(payment)))
        let sale = try #require(TerminalHarness.committedSale(actions))
        #expect(actions == [.commitSale(sale)])
        #expect(sale.tenders == [.card(payment)])
        let done = harness.feed(.saleCommitted(sale.id, journalSequence: 1))
        #expect(TerminalHarness.effects(done) == [.printReceipt(sale, copy: false)])
        #expect(harness.lcd == TerminalHarness.rows("PAID BY CARD    3.50", "Thank you", "", ""))
    }

    @Test(arguments: [
        (CardResult.declined(code: 5, message: "Do not honour"), "Card declined: Do", "not honour"),
        (CardResult.cancelledByCustomer, "Card payment", "cancelled"),
        (CardResult.timedOut, "Card terminal did", "not answer - try"),
    ])
    func unsuccessfulCardKeepsTheCart(result: CardResult, first: String, second: String) throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1), .product(6))
        let request = try #require(TerminalHarness.cardRequest(harness.press(.card)))
        let actions = harness.feed(.cardFinished(reference: request.reference, result))
        #expect(TerminalHarness.effects(actions).isEmpty)
        #expect(harness.terminal.state == .ringing)
        #expect(harness.terminal.cart.items == [CartItem("hotdog"), CartItem("cola")])
        #expect(harness.lcd == TerminalHarness.rows("1 Cola          2.00", first, second, "TOTAL           4.40"))
        // A second attempt gets a new reference.
        let retry = try #require(TerminalHarness.cardRequest(harness.press(.card)))
        #expect(retry.reference != request.reference)
    }

    @Test func clearWhileWaitingAbortsTheCardAndWaitsForItsAnswer() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1))
        let request = try #require(TerminalHarness.cardRequest(harness.press(.card)))
        #expect(harness.press(.clear) == [.abortCard])
        #expect(harness.terminal.state == .awaitingCard(request))
        // A stale answer for another attempt changes nothing.
        harness.feed(.cardFinished(reference: "other-1", .cancelledByCustomer))
        #expect(harness.terminal.state == .awaitingCard(request))
        harness.feed(.cardFinished(reference: request.reference, .cancelledByCustomer))
        #expect(harness.terminal.state == .ringing)
    }

    @Test func missingCardTerminalSaysSoAndDoesNothing() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.feed(.device(.paymentTerminal, .notConfigured))
        harness.press(.product(1))
        #expect(harness.press(.card).isEmpty)
        #expect(harness.lcd == TerminalHarness.rows("1 Classic hot d 3.50", "No card terminal at", "this stand - take", "TOTAL           3.50"))
        harness.feed(.device(.paymentTerminal, .unavailable("Card terminal disconnected")))
        #expect(harness.press(.card).isEmpty)
        #expect(harness.terminal.state == .ringing)
    }
}
