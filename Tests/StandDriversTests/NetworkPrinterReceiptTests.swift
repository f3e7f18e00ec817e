import Foundation
import HardwareMocks
import StandCore
import StandHardware
@testable import StandDrivers
import Testing

@Suite struct NetworkPrinterReceiptTests {
    /// The demo stand's sale, laid out by ReceiptLayout as the stand prints it.
    static func receipt() throws -> Receipt {
        let stand = try DemoStand()
        let time = Date(timeIntervalSince1970: 1_747_218_600)
        let cart: Cart = [CartItem("hotdog", quantity: 2, modifiers: ["cheese", "onions"]), CartItem("cola"), CartItem("fries")]
        let priced = try stand.pricer.price(cart, context: PricingContext(date: time, couponCodes: ["WELCOME10"]))
        let sale = try Sale.make(id: SaleID("3F2504E0-4F89-11D3-9A0C-0305E82C3301")!, standID: "berlin-alex-01", operatorID: "anna",
                                 createdAt: time, cart: priced, tenders: [.cash(given: Money(cents: 2000, .eur))])
        return Receipt(sale: sale, header: Receipt.Header(standName: "Hot Dog Heaven", addressLines: ["Alexanderplatz 1"]),
                       footerLines: ["Thank you and enjoy!"], qrPayload: sale.id.rawValue, journalSequence: 42,
                       operatorName: "Anna", timeZone: TimeZone(identifier: "Europe/Berlin")!)
    }

    @Test func aLaidOutReceiptPrintsOverTCPAndReadsBackAsTheSameText() async throws {
        let receipt = try Self.receipt()
        let layout = ReceiptLayout(width: .mm80)
        let printer = try await NetworkPrinterTests.enabledVirtualPrinter()
        let server = try VirtualPrinterServer(printer: printer)
        let driver = NetworkPrinterTests.driver(port: server.port)
        try await NetworkPrinterTests.start(driver)
        try await driver.print(try layout.encode(receipt))
        let printed = try #require(printer.lastReceipt)
        #expect(printed.isComplete)
        #expect(printed.qrPayloads == [receipt.sale.id.rawValue])
        let expected = layout.plainText(receipt).filter { !$0.isEmpty && $0 != "[QR]" }
        #expect(printed.lines.filter { !$0.isEmpty } == expected)
        #expect(printed.text.contains("TOTAL EUR"))
        await driver.close()
        await server.stop()
    }
}
