import Foundation
import StandApp
import StandCore
import StandHardware
import Testing

@Suite("Operator terminal: function menu")
struct TerminalMenuTests {
    @Test func menuScreenListsTheEntries() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu)
        #expect(harness.lcd == TerminalHarness.rows("MENU            1/12", ">1 Delivery received", " 2 Stock count", "No.+ENTER or up/down"))
        harness.press(.down)
        #expect(harness.lcd[0] == "MENU            2/12")
        harness.press(.menu)
        #expect(harness.terminal.state == .ringing)
    }

    @Test func deliveryReceived() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu)
        harness.type("1")
        harness.press(.enter)
        #expect(harness.lcd == TerminalHarness.rows("DELIVERY: item  1/13", ">1 bun", " 2 sausage", "No.+ENTER or up/down"))
        harness.type("2")
        harness.press(.enter)
        harness.type("50")
        #expect(harness.lcd == TerminalHarness.rows("DELIVERY", "sausage", "", "QUANTITY?         50"))
        let actions = harness.press(.enter)
        #expect(actions == [.recordDelivery("sausage", quantity: 50, by: "anna")])
        #expect(harness.terminal.state == .awaitingOperation(.delivery))
        harness.feed(.operationSucceeded(.delivery, message: "50 sausage received"))
        #expect(harness.terminal.state == .ringing)
        #expect(harness.lcd[1] == TerminalHarness.rows("50 sausage received")[0])
    }

    @Test func stockCountByArrowKeys() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu, .down, .enter, .down, .enter)
        harness.type("12")
        #expect(harness.press(.enter) == [.recordCount("sausage", counted: 12, by: "anna")])
        harness.feed(.operationFailed(.count, reason: "The disk is full"))
        #expect(harness.terminal.state == .ringing)
        #expect(harness.lcd[1] == TerminalHarness.rows("The disk is full")[0])
    }

    @Test func xAndZReports() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu)
        harness.type("5")
        #expect(harness.press(.enter) == [.printReport(.x, by: "anna")])
        harness.feed(.operationSucceeded(.report(.x), message: "X report printed"))
        harness.press(.menu)
        harness.type("6")
        #expect(harness.press(.enter).isEmpty)
        #expect(harness.terminal.state == .confirmZReport)
        #expect(harness.press(.enter) == [.printReport(.z, by: "anna")])
    }

    @Test func shiftOpenAndClose() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu)
        harness.type("3")
        harness.press(.enter)
        harness.type("100.5")
        #expect(harness.lcd == TerminalHarness.rows("OPEN SHIFT", "Cash in the drawer", "now", "FLOAT?         100.5"))
        #expect(harness.press(.enter) == [.openShift("anna", float: Money(cents: 10_050, .eur))])
        harness.feed(.operationSucceeded(.openShift, message: "Shift open"))
        harness.press(.menu)
        harness.type("4")
        harness.press(.enter)
        harness.type("245")
        #expect(harness.press(.enter) == [.closeShift("anna", counted: Money(cents: 24_500, .eur))])
    }

    @Test func reprintLastReceipt() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu)
        harness.type("7")
        #expect(harness.press(.enter).isEmpty)
        #expect(harness.lcd[1] == TerminalHarness.rows("No receipt to")[0])
        harness.press(.product(1), .cash, .enter)
        guard case .committing(let sale) = harness.terminal.state else {
            Issue.record("expected a committing sale")
            return
        }
        harness.feed(.saleCommitted(sale.id, journalSequence: 1))
        harness.press(.menu)
        harness.type("7")
        #expect(harness.press(.enter) == [.printReceipt(sale, copy: true)])
    }

    @Test func setLocationFromTheConfiguredSpots() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu)
        harness.type("11")
        harness.press(.enter)
        #expect(harness.lcd == TerminalHarness.rows("LOCATION         1/2", ">1 Alexanderplatz", " 2 Hackescher Markt", "No.+ENTER or up/down"))
        harness.type("2")
        let actions = harness.press(.enter)
        #expect(TerminalHarness.effects(actions) == [.setLocation(.spot("Hackescher Markt"))])
        harness.press(.product(1), .cash, .enter)
        guard case .committing(let sale) = harness.terminal.state else {
            Issue.record("expected a committing sale")
            return
        }
        #expect(sale.location == .spot("Hackescher Markt"))
    }

    @Test func aFreshGPSFixStampsTheSaleAndTheSpotTakesOverWhenTheFixIsOld() throws {
        var harness = try TerminalHarness.loggedIn()
        let fix = try SaleLocation.gps(latitude: 52.52191, longitude: 13.41321)
        harness.feed(.location(fix))
        #expect(harness.terminal.frame(geometry: DisplayGeometry(columns: 40, rows: 12)).lines[0].hasSuffix("GPS 52.5219,13.4132"))
        harness.press(.menu)
        harness.type("11")
        harness.press(.enter)
        harness.type("2")
        harness.press(.enter)
        #expect(harness.lcd.contains { $0.contains("Spot Hackescher") })
        let first = try #require(TerminalHarness.committedSale(harness.press(.product(1), .cash, .enter)))
        #expect(first.location == fix)

        harness.feed(.saleCommitted(first.id, journalSequence: 1))
        harness.advance(121)
        harness.feed(.tick)
        #expect(TerminalHarness.committedSale(harness.press(.product(1), .cash, .enter))?.location == .spot("Hackescher Markt"))
    }

    @Test func syncStatusAsksTheApplianceAndShowsTheAnswer() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu)
        harness.type("10")
        #expect(harness.press(.enter) == [.querySyncStatus])
        harness.feed(.syncStatus(pendingEvents: 3, lastAcknowledgedAt: nil))
        #expect(harness.lcd == TerminalHarness.rows("SYNC STATUS", "Waiting to send    3", "Last sync      never", "Any key: back"))
        harness.press(.clear)
        #expect(harness.terminal.state == .ringing)
    }

    @Test func lockFromTheMenu() throws {
        var harness = try TerminalHarness.loggedIn()
        harness.press(.menu)
        harness.type("12")
        #expect(harness.press(.enter) == [.lock, .log("anna: locked the terminal")])
        #expect(harness.terminal.state == .locked)
    }
}
