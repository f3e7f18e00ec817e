import Foundation
import HardwareMocks
import StandApp
import StandCore
import StandHardware
import StandStore
import Testing

@Suite("Appliance end to end on the mocks")
struct EndToEndTests {
    @Test func aCashSaleTypedOnTheKeypadIsStoredPrintedAndOpensTheDrawer() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        // Through the keypad device, the supervisor and the merged event stream.
        #expect(stand.keypad.type("1234"))
        #expect(stand.keypad.press(.enter, .product(1), .product(6)))
        #expect(stand.keypad.type("10"))
        #expect(stand.keypad.press(.cash))
        #expect(await eventually { (try? stand.sales().count) == 1 })
        let sale = try #require(try stand.sales().first)
        // Hot dog 3.50 + cola 2.00, the combo 20 % off: 4.40; 10.00 given, 5.60 back.
        #expect(sale.total == Money(cents: 440, .eur))
        #expect(sale.change == Money(cents: 560, .eur))
        #expect(sale.operatorID == "anna")
        #expect(await stand.printed())
        let receipt = try #require(stand.printer.receipts.last)
        #expect(receipt.isComplete)
        #expect(receipt.text.contains("Classic hot dog"))
        #expect(receipt.text.contains("Cola"))
        #expect(!sale.cart.discounts.isEmpty)
        for discount in sale.cart.discounts {
            // The layout may wrap a long reason next to its amount: compare without line breaks.
            let flowing = receipt.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(flowing.contains("Combo hot dog + cola"), "discount reason \(discount.reason) on the receipt")
        }
        #expect(receipt.text.contains("5.60"))
        #expect(receipt.qrPayloads == [sale.id.rawValue])
        #expect(stand.drawer.pulses.count == 1)
        #expect(stand.drawer.pulses.first?.opened == true)
        #expect(stand.printer.receipts.count == 1)
        let jobs = try stand.store.printJobs(ofSale: sale.id)
        #expect(jobs.map(\.state) == [.done])
        #expect(stand.display.frames.count > 5)
    }

    @Test func aCardSaleChargesOnceAndOpensNoDrawer() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        stand.cardTerminal.enqueue(.approve(brand: .visa, lastDigits: "4242"))
        await stand.login()
        await stand.press(.product(2), .card)
        #expect(await eventually { (try? stand.sales().count) == 1 })
        let sale = try #require(try stand.sales().first)
        #expect(sale.total == Money(cents: 420, .eur))
        guard case .card(let payment)? = sale.tenders.first else {
            Issue.record("expected a card tender, got \(sale.tenders)")
            return
        }
        #expect(payment.maskedPAN.value.hasSuffix("4242"))
        #expect(stand.cardTerminal.chargeCount == 1)
        #expect(!stand.cardTerminal.prompts.isEmpty)
        #expect(await stand.printed())
        #expect(stand.printer.lastReceipt?.text.contains("4242") == true)
        #expect(stand.drawer.pulses.isEmpty)
    }

    @Test func voidingACardSaleReversesThePaymentOnTheTerminalBeforeItIsStored() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.product(2), .card)
        #expect(await eventually { (try? stand.sales().count) == 1 })
        #expect(stand.cardTerminal.chargeCount == 1)
        await stand.press(.voidLine)
        await stand.type("9999")
        await stand.press(.enter)
        let sale = try #require(try stand.sales().first)
        #expect(await eventually { (try? stand.store.refunds(ofSale: sale.id).count) == 1 })
        #expect(stand.cardTerminal.chargeCount == 0, "the payment was reversed on the terminal")
        #expect(stand.drawer.pulses.isEmpty, "no cash goes back for a card sale")
    }

    @Test func aCardVoidTheTerminalCannotDoIsNotStored() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.product(2), .card)
        #expect(await eventually { (try? stand.sales().count) == 1 })
        stand.cardTerminal.unplug()
        await stand.press(.voidLine)
        await stand.type("9999")
        await stand.press(.enter)
        let sale = try #require(try stand.sales().first)
        #expect(await eventually { await stand.appliance.frame(geometry: .lcd20x4).description.contains("Card terminal") })
        #expect(try stand.store.refunds(ofSale: sale.id).isEmpty)
        #expect(stand.cardTerminal.chargeCount == 1)
    }

    @Test func aDeclinedCardThenCashStoresOneCashSale() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        stand.cardTerminal.enqueue(.decline(code: 0x05, message: "Do not honour"))
        await stand.login()
        await stand.press(.product(1), .card)
        #expect(await eventually { await stand.appliance.terminalState == .ringing })
        #expect(stand.display.text.contains("declined") || stand.display.frames.contains { $0.description.contains("declined") })
        #expect(try stand.sales().isEmpty)
        await stand.press(.cash, .enter)
        #expect(await eventually { (try? stand.sales().count) == 1 })
        let sale = try #require(try stand.sales().first)
        #expect(sale.tenders == [.cash(given: Money(cents: 350, .eur))])
        #expect(stand.cardTerminal.chargeCount == 0)
        #expect(stand.cardTerminal.requests.count == 1)
        #expect(stand.drawer.pulses.count == 1)
    }

    @Test func reprintComesOutMarkedCopy() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.product(5), .cash, .enter)
        #expect(await stand.printed())
        await stand.press(.clear, .menu)
        await stand.type("\(TerminalMenuItem.reprint.rawValue)")
        await stand.press(.enter)
        #expect(await eventually { stand.printer.receipts.count == 2 })
        let (original, copy) = (stand.printer.receipts[0], stand.printer.receipts[1])
        #expect(!original.text.contains("COPY"))
        #expect(copy.text.contains("COPY"))
        #expect(copy.text.contains("Fries"))
        let sale = try #require(try stand.sales().first)
        #expect(try stand.store.printJobs(ofSale: sale.id).map(\.isCopy) == [false, true])
    }

    @Test func shiftXAndZReports() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.menu)
        await stand.type("\(TerminalMenuItem.openShift.rawValue)")
        await stand.press(.enter)
        await stand.type("100")
        await stand.press(.enter)
        let shift = try #require(try stand.store.openShift())
        #expect(shift.float == Money(cents: 10_000, .eur) && shift.operatorID == "anna")
        await stand.press(.clear, .product(1), .product(1), .cash, .enter)
        #expect(await eventually { (try? stand.sales().count) == 1 })
        await stand.press(.clear, .menu)
        await stand.type("\(TerminalMenuItem.xReport.rawValue)")
        await stand.press(.enter)
        #expect(await eventually { stand.printer.receipts.count == 2 })
        let x = stand.printer.receipts[1].text
        #expect(x.contains("X REPORT"))
        #expect(x.contains("2 x hotdog"))
        #expect(x.contains("7.00"))
        #expect(x.contains("107.00"), "float 100 + cash 7.00 expected in the drawer")
        #expect(try stand.store.openShift() != nil)
        await stand.press(.clear, .menu)
        await stand.type("\(TerminalMenuItem.zReport.rawValue)")
        await stand.press(.enter, .enter)
        #expect(await eventually { stand.printer.receipts.count == 4 })
        #expect(stand.printer.receipts[2].text.contains("Z REPORT"))
        #expect(stand.printer.receipts[3].text.contains("CARD TERMINAL END OF DAY"))
        #expect(stand.printer.receipts[3].text.contains("Card totals match"))
        #expect(try stand.store.openShift() == nil)
    }

    @Test func closingTheShiftWithACountPrintsExpectedCountedAndTheDifference() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.menu)
        await stand.type("\(TerminalMenuItem.openShift.rawValue)")
        await stand.press(.enter)
        await stand.type("100")
        await stand.press(.enter, .clear, .product(1))
        await stand.type("5")
        await stand.press(.cash)
        #expect(try stand.sales().first?.change == Money(cents: 150, .eur))
        await stand.press(.clear, .menu)
        await stand.type("\(TerminalMenuItem.closeShift.rawValue)")
        await stand.press(.enter)
        await stand.type("103")
        await stand.press(.enter)
        let shift = try #require(try stand.store.lastShift())
        #expect(!shift.isOpen && shift.counted == Money(cents: 10_300, .eur))
        #expect(await eventually { stand.printer.receipts.count == 2 })
        let report = stand.printer.receipts[1].text
        #expect(report.contains("Expected in drawer") && report.contains("103.50"))
        #expect(report.contains("Counted") && report.contains("103.00"))
        #expect(report.contains("-0.50"))
    }

    @Test func stockDeliveryFromTheMenuIsJournaled() async throws {
        let stand = try await ApplianceHarness()
        defer { Task { await stand.stop() } }
        await stand.login()
        await stand.press(.menu)
        await stand.type("\(TerminalMenuItem.delivery.rawValue)")
        await stand.press(.enter, .enter)
        await stand.type("50")
        await stand.press(.enter)
        let levels = try stand.store.stockLevels()
        #expect(levels.contains { $0.item == "bun" && $0.quantity == 50 })
    }

    @Test func aSaleSurvivesARestartAndItsReceiptIsNotPrintedTwice() async throws {
        let first = try await ApplianceHarness()
        await first.login()
        await first.press(.product(7), .cash, .enter)
        #expect(await first.printed())
        await first.stop()
        let second = try await ApplianceHarness(directory: first.directory)
        defer { Task { await second.stop() } }
        #expect(try second.sales().count == 1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(second.printer.receipts.isEmpty)
        #expect(await second.appliance.spooler.isIdle)
    }
}
