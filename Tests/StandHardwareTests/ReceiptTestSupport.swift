import Foundation
import StandCore
@testable import StandHardware

/// A demo stand sale priced by the real pricer, at a fixed time outside happy hour.
enum ReceiptTestSupport {
    /// Wednesday 2025-05-14 12:30 in Berlin (10:30 UTC).
    static let saleTime = Date(timeIntervalSince1970: 1_747_218_600)
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let saleID = SaleID("3F2504E0-4F89-11D3-9A0C-0305E82C3301")!

    static func demoSale(coupon: Bool = true, tenders: ((Money) -> [Tender])? = nil,
                         cashRounding: CashRounding? = nil) throws -> Sale {
        let stand = try DemoStand()
        let cart: Cart = [CartItem("hotdog", quantity: 2, modifiers: ["cheese", "onions"]), CartItem("cola"), CartItem("fries")]
        let priced = try stand.pricer.price(cart, context: PricingContext(date: saleTime, couponCodes: coupon ? ["WELCOME10"] : []))
        let pay = tenders ?? { _ in [.cash(given: Money(cents: 2000, .eur))] }
        return try Sale.make(id: saleID, standID: "berlin-alex-01", operatorID: "anna", createdAt: saleTime,
                             cart: priced, tenders: pay(priced.total), cashRounding: cashRounding)
    }

    static func receipt(_ sale: Sale, isCopy: Bool = false, labels: ReceiptLabels = .english) -> Receipt {
        Receipt(sale: sale,
                header: Receipt.Header(standName: "Hot Dog Heaven", addressLines: ["Alexanderplatz 1", "10178 Berlin"],
                                       taxID: "DE123456789"),
                footerLines: ["Thank you and enjoy!"],
                qrPayload: sale.id.rawValue, isCopy: isCopy, journalSequence: 42, operatorName: "Anna",
                timeZone: berlin, labels: labels)
    }
}
