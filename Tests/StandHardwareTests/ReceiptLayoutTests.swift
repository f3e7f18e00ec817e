import Foundation
import StandCore
import Testing
@testable import StandHardware

@Suite struct ReceiptLayoutTests {
    @Test func dump() throws {
        let sale = try ReceiptTestSupport.demoSale()
        for width in PaperWidth.allCases {
            let text = ReceiptLayout(width: width).plainText(ReceiptTestSupport.receipt(sale))
            print(text.map { "|" + $0 }.joined(separator: "\n"))
        }
    }
}
