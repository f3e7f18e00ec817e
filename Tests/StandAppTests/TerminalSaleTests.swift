import Foundation
import StandApp
import StandCore
import StandHardware
import Testing

@Suite("Operator terminal: ringing up and paying")
struct TerminalSaleTests {
    @Test func lockedScreenAsksForThePIN() throws {
        var harness = try TerminalHarness()
        #expect(harness.lcd == TerminalHarness.rows("Demo Hot Dogs LOCKED", "Type PIN, then ENTER", "", "PIN:"))
        harness.type("12")
        #expect(harness.lcd[3] == TerminalHarness.rows("PIN: **")[0])
        harness.type("34")
        let actions = harness.press(.enter)
        #expect(actions == [.log("operator anna logged in")])
        #expect(harness.lcd == TerminalHarness.rows("Anna           READY", "", "", "TOTAL           0.00"))
    }

    @Test func cashSaleWithChangeCommitsThenOpensTheDrawerThenPrints() throws {
        var harness = try TerminalHarness.loggedIn()
        #expect(harness.press(.product(1), .product(6)).isEmpty)
        #expect(harness.lcd == TerminalHarness.rows("1 Cola          2.00", "", "", "TOTAL           4.40"))
        #expect(harness.press(.cash).isEmpty)
        #expect(harness.lcd == TerminalHarness.rows("TOTAL           4.40", "ENTER alone: exact", "amount", "CASH GIVEN?"))
        harness.type("10")
        #expect(harness.lcd[3] == "CASH GIVEN?       10")
        let actions = harness.press(.enter)
        let sale = try #require(TerminalHarness.committedSale(actions))
        #expect(actions == [.commitSale(sale)])
        #expect(sale.tenders == [.cash(given: Money(cents: 1000, .eur))])
        #expect(sale.change == Money(cents: 560, .eur))
        #expect(sale.operatorID == "anna")
        #expect(sale.cart.lines.map(\.productID) == ["hotdog", "cola"])
        // Not shown as done before the store confirms it.
        #expect(harness.lcd == TerminalHarness.rows("TOTAL           4.40", "Saving the sale...", "", ""))
        #expect(harness.press(.product(1)).isEmpty)
        #expect(harness.terminal.state == .committing(sale))

        let done = harness.feed(.saleCommitted(sale.id, journalSequence: 7))
        #expect(TerminalHarness.effects(done) == [.openDrawer, .printReceipt(sale, copy: false)])
        #expect(harness.lcd == TerminalHarness.rows("CHANGE          5.60", "Total           4.40", "Cash given     10.00", ""))
        harness.feed(.receiptQueued(sale.id, reason: "Printer out of paper"))
        #expect(harness.lcd == TerminalHarness.rows("CHANGE          5.60", "Total           4.40", "Printer out of paper", "- receipt queued"))
        #expect(harness.terminal.lastSale == sale)
        // The next key starts a new sale.
        harness.press(.product(7))
        #expect(harness.terminal.cart.items == [CartItem("water")])
    }

    @Test func amountTypedBeforeCashIsTheCashGiven() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1))
        harness.type("5")
        let sale = try #require(TerminalHarness.committedSale(harness.press(.cash)))
        #expect(sale.change == Money(cents: 150, .eur))
    }

    @Test func tooLittleCashIsRefusedAndTheCartStays() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(2), .cash)
        harness.type("4")
        #expect(harness.press(.enter).isEmpty)
        #expect(harness.lcd == TerminalHarness.rows("TOTAL           4.20", "Given 4.00 is less", "than 4.20 due", "CASH GIVEN?"))
        let sale = try #require(TerminalHarness.committedSale(harness.press(.enter)))
        #expect(sale.tenders == [.cash(given: Money(cents: 420, .eur))])
        #expect(sale.change.isZero)
    }

    @Test func quantityTimesProduct() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.type("3")
        harness.press(.quantity)
        #expect(harness.lcd == TerminalHarness.rows("Anna           READY", "", "> 3 x", "TOTAL           0.00"))
        harness.press(.product(2))
        #expect(harness.terminal.cart.items == [CartItem("chilidog", quantity: 3)])
        // 3 for 2 hot dogs: one chili dog free.
        #expect(harness.lcd == TerminalHarness.rows("3 Chili dog    12.60", "", "", "TOTAL           8.40"))
        // Digits straight before a hotkey are its quantity too.
        harness.type("2")
        harness.press(.product(6))
        #expect(harness.terminal.cart.items.last == CartItem("cola", quantity: 2))
    }

    @Test func productCodePlusEnter() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.type("5")
        #expect(harness.lcd[2] == TerminalHarness.rows("> 5")[0])
        harness.press(.enter)
        #expect(harness.terminal.cart.items == [CartItem("fries")])
        harness.type("42")
        harness.press(.enter)
        #expect(harness.terminal.cart.items == [CartItem("fries")])
        #expect(harness.lcd == TerminalHarness.rows("1 Fries         2.50", "No product on code", "42", "TOTAL           2.50"))
    }

    @Test func voidLineRemovesTheLastOrTheSelectedLine() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1), .product(5), .product(6))
        let voided = harness.press(.voidLine)
        #expect(voided == [.log("line voided: 1 x cola")])
        #expect(harness.terminal.cart.items == [CartItem("hotdog"), CartItem("fries")])
        #expect(harness.lcd == TerminalHarness.rows("1 Fries         2.50", "Voided 1 x Cola", "", "TOTAL           6.00"))
        harness.press(.up)
        #expect(harness.lcd[0] == ">1 Classic hot  3.50")
        harness.press(.voidLine)
        #expect(harness.terminal.cart.items == [CartItem("fries")])
    }

    @Test func clearClearsTheEntryThenCancelsTheSaleOnASecondPress() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1))
        harness.type("12")
        harness.press(.clear)
        #expect(harness.lcd == TerminalHarness.rows("1 Classic hot d 3.50", "", "", "TOTAL           3.50"))
        harness.press(.clear)
        #expect(harness.lcd[1] == "CLEAR again cancels ")
        #expect(harness.terminal.cart.items.count == 1)
        let cancelled = harness.press(.clear)
        #expect(cancelled == [.log("sale cancelled before payment (1 lines)")])
        #expect(harness.terminal.cart.isEmpty)
        #expect(harness.lcd == TerminalHarness.rows("Anna           READY", "Sale cancelled", "", "TOTAL           0.00"))
    }

    @Test func subtotalShowsTheComboDiscount() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1), .product(6), .subtotal)
        #expect(harness.terminal.state == .subtotal)
        #expect(harness.lcd == TerminalHarness.rows("2 items         5.50", "Combo hot dog  -1.10", "", "TOTAL           4.40"))
        // A product key goes back to ringing and adds it.
        harness.press(.product(5))
        #expect(harness.terminal.state == .ringing)
        #expect(harness.terminal.cart.items.count == 3)
    }

    @Test func scannedCodesAddProductsAndUnknownCodesLoseNothing() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.feed(.scanned("6"))
        harness.feed(.scanned("hotdog\n"))
        #expect(harness.terminal.cart.items == [CartItem("cola"), CartItem("hotdog")])
        let actions = harness.feed(.scanned("ORDER:abc"))
        #expect(actions == [.log("scanned code not known: ORDER:abc")])
        #expect(harness.terminal.cart.items.count == 2)
        #expect(harness.lcd == TerminalHarness.rows("1 Classic hot d 3.50", "Unknown code", "ORDER:abc", "TOTAL           4.40"))
    }

    @Test func commitFailureIsShownAndTheCartStays() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1), .product(6), .cash, .enter)
        guard case .committing(let sale) = harness.terminal.state else {
            Issue.record("expected the sale to be committing, found \(harness.terminal.state)")
            return
        }
        harness.feed(.saleCommitFailed(sale.id, reason: "The disk is full"))
        #expect(harness.lcd == TerminalHarness.rows("SALE NOT SAVED", "The disk is full", "", "ENTER retry CLEAR ba"))
        // ENTER tries the same sale again.
        #expect(harness.press(.enter) == [.commitSale(sale)])
        harness.feed(.saleCommitFailed(sale.id, reason: "The disk is full"))
        harness.press(.clear)
        #expect(harness.terminal.state == .ringing)
        #expect(harness.terminal.cart.items == [CartItem("hotdog"), CartItem("cola")])
        #expect(harness.lcd == TerminalHarness.rows("1 Cola          2.00", "Sale not saved -", "cart kept", "TOTAL           4.40"))
        #expect(harness.terminal.lastSale == nil)
    }

    @Test func wideFrameListsTheCartWithDiscounts() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.product(1), .product(6))
        harness.type("2")
        let frame = harness.terminal.frame(geometry: DisplayGeometry(columns: 40, rows: 8)).lines
        #expect(frame.map { $0.trimmingCharacters(in: .whitespaces) } == [
            "Demo Hot Dogs | Anna         no location",
            "Devices ready",
            String(repeating: "-", count: 40),
            "1 Classic hot dog                   3.50",
            "1 Cola                              2.00",
            "Combo hot dog + cola: -20 %      -1.10",
            "> 2",
            "TOTAL                               4.40",
        ])
    }
}
