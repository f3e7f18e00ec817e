import Foundation
import StandCore
import Testing
@testable import StandHardware

@Suite struct ReceiptLayoutTests {
    static let expected58 = """
                 Hot Dog Heaven
                Alexanderplatz 1
                  10178 Berlin
               Tax ID DE123456789
        --------------------------------
        Receipt 42      2025-05-14 12:30
        Served by: Anna
        Sale
        3F2504E0-4F89-11D3-9A0C-0305E82C
        3301
        --------------------------------
        Classic hot dog           8.00 A
          + extra cheese
          + onions
          2 x 4.00
        Cola                      2.00 B
        Fries                     2.50 A
        --------------------------------
        Subtotal                   12.50
        Combo hot dog + cola: -20  -1.20
        %
        Welcome: -10 % on the      -1.13
        receipt (coupon WELCOME10)
        TOTAL EUR                  10.17
        Cash                       20.00
        Change                      9.83
        --------------------------------
        Rate       Net      Tax    Gross
        A 7%      8.16     0.57     8.73
        B 19%     1.21     0.23     1.44
        --------------------------------
              Thank you and enjoy!

        [QR]
        """

    static let expected80 = """
                         Hot Dog Heaven
                        Alexanderplatz 1
                          10178 Berlin
                       Tax ID DE123456789
        ------------------------------------------------
        Receipt 42                      2025-05-14 12:30
        Served by: Anna
        Sale 3F2504E0-4F89-11D3-9A0C-0305E82C3301
        ------------------------------------------------
        Classic hot dog                           8.00 A
          + extra cheese
          + onions
          2 x 4.00
        Cola                                      2.00 B
        Fries                                     2.50 A
        ------------------------------------------------
        Subtotal                                   12.50
        Combo hot dog + cola: -20 %                -1.20
        Welcome: -10 % on the receipt (coupon      -1.13
        WELCOME10)
        TOTAL EUR                                  10.17
        Cash                                       20.00
        Change                                      9.83
        ------------------------------------------------
        Rate             Net           Tax         Gross
        A 7%            8.16          0.57          8.73
        B 19%           1.21          0.23          1.44
        ------------------------------------------------
                      Thank you and enjoy!

        [QR]
        """

    @Test(arguments: [(PaperWidth.mm58, expected58), (.mm80, expected80)])
    func demoSaleLaysOutExactly(width: PaperWidth, expected: String) throws {
        let receipt = ReceiptTestSupport.receipt(try ReceiptTestSupport.demoSale())
        let lines = ReceiptLayout(width: width).plainText(receipt)
        #expect(lines == expected.components(separatedBy: "\n"))
    }

    @Test(arguments: PaperWidth.allCases)
    func everyLineFitsTheColumns(width: PaperWidth) throws {
        let long = try ReceiptTestSupport.demoSale(tenders: { total in
            [.card(CardPayment(amount: total, maskedPAN: try! MaskedPAN("492000******1234"), brand: .visa,
                               terminalReceiptNumber: "0815", traceNumber: "4711"))]
        })
        var receipt = ReceiptTestSupport.receipt(long, isCopy: true, labels: .german)
        receipt.header.standName = "Hot Dog Heaven am Alexanderplatz, Ausgang Nord, gegenüber der Weltzeituhr"
        receipt.footerLines = ["Öffnungszeiten: Montag bis Samstag 10–22 Uhr, Sonntag 12–20 Uhr – wir freuen uns auf Sie!"]
        receipt.qrPayload = "https://receipts.example.com/r/3F2504E0-4F89-11D3-9A0C-0305E82C3301?lang=de"
        for line in ReceiptLayout(width: width).plainText(receipt) {
            #expect(line.count <= width.columns, "\(line.count) columns: \(line)")
        }
    }

    @Test func everyDiscountReasonIsPrinted() throws {
        let sale = try ReceiptTestSupport.demoSale()
        #expect(sale.cart.discounts.count == 2)
        let text = ReceiptLayout(width: .mm80).plainText(ReceiptTestSupport.receipt(sale)).joined(separator: "\n")
        for discount in sale.cart.discounts {
            #expect(text.contains("-" + discount.amount.formattedAmount))
        }
        #expect(text.contains("Combo hot dog + cola"))
        #expect(text.contains("WELCOME10"))
    }

    @Test func copyMarkerOnlyOnCopiesAtTopAndBottom() throws {
        let sale = try ReceiptTestSupport.demoSale()
        let layout = ReceiptLayout(width: .mm58)
        let original = layout.plainText(ReceiptTestSupport.receipt(sale))
        #expect(!original.contains { $0.contains("COPY") })
        let copy = layout.plainText(ReceiptTestSupport.receipt(sale, isCopy: true))
        #expect(copy.first == "          *** COPY ***")
        #expect(copy.last == "          *** COPY ***")
        #expect(Array(copy.dropFirst().dropLast()) == original)
        let kopie = layout.plainText(ReceiptTestSupport.receipt(sale, isCopy: true, labels: .german))
        #expect(kopie.first == "         *** KOPIE ***" && kopie.last == "         *** KOPIE ***")
    }

    @Test(arguments: PaperWidth.allCases)
    func jobStartsWithInitAndEndsWithCut(width: PaperWidth) throws {
        let bytes = try ReceiptLayout(width: width).encode(ReceiptTestSupport.receipt(try ReceiptTestSupport.demoSale()))
        #expect(Array(bytes.prefix(8)) == [0x1B, 0x40, 0x1B, 0x52, 0x00, 0x1B, 0x74, 0x00])
        #expect(Array(bytes.suffix(4)) == [0x1D, 0x56, 0x42, ReceiptLayout.cutFeed])
    }

    @Test func totalIsBoldAndDoubleHeight() throws {
        let bytes = try ReceiptLayout(width: .mm58).encode(ReceiptTestSupport.receipt(try ReceiptTestSupport.demoSale()))
        let total = Array("TOTAL EUR                  10.17".utf8) + [0x0A]
        let styled: [UInt8] = [0x1B, 0x45, 0x01, 0x1D, 0x21, 0x01] + total + [0x1B, 0x45, 0x00, 0x1D, 0x21, 0x00]
        #expect(bytes.firstRange(of: styled) != nil)
    }

    @Test func qrCodeCarriesThePayload() throws {
        let receipt = ReceiptTestSupport.receipt(try ReceiptTestSupport.demoSale())
        let bytes = try ReceiptLayout(width: .mm80).encode(receipt)
        let store: [UInt8] = [0x1D, 0x28, 0x6B, 39, 0, 0x31, 0x50, 0x30] + Array(receipt.sale.id.rawValue.utf8)
        #expect(bytes.firstRange(of: store) != nil)
        let print: [UInt8] = [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
        let printed = try #require(bytes.firstRange(of: print))
        #expect(bytes[printed.upperBound] != 0x0A, "plain text shows the QR as one line, so no LF follows it")
    }

    @Test func bytesDecodeToThePlainText() throws {
        // Without graphics, the text bytes of the job (control sequences removed) are the plain text.
        var receipt = ReceiptTestSupport.receipt(try ReceiptTestSupport.demoSale())
        receipt.qrPayload = nil
        let layout = ReceiptLayout(width: .mm58)
        let bytes = try layout.encode(receipt)
        let text = Self.printedText(bytes, page: .cp437)
        let plain = layout.plainText(receipt).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(text.map { $0.trimmingCharacters(in: .whitespaces) } == plain)
    }

    @Test func polishTextPicksCP852AndGermanCP858() throws {
        var receipt = ReceiptTestSupport.receipt(try ReceiptTestSupport.demoSale())
        receipt.header.standName = "Hot dogi Łódź"
        receipt.footerLines = ["Dziękujemy, zapraszamy ponownie!"]
        let layout = ReceiptLayout(width: .mm58)
        #expect(layout.codePage(for: receipt) == .cp852)
        let bytes = try layout.encode(receipt)
        #expect(Array(bytes[5..<8]) == [0x1B, 0x74, 18])
        #expect(bytes.firstRange(of: [0x9D, 0xA2, 0x64, 0xAB]) != nil)    // Łódź
        receipt.header.standName = "Würstchenbude"
        receipt.footerLines = ["Preise in €, inkl. MwSt."]
        #expect(layout.codePage(for: receipt) == .cp858)
        #expect(layout.plainText(receipt).contains("    Preise in €, inkl. MwSt."))
        #expect(ReceiptLayout(width: .mm58, codePage: .cp437).plainText(receipt).contains("   Preise in EUR, inkl. MwSt."))
    }

    @Test func cashRoundingAndChangeArePrinted() throws {
        let sale = try ReceiptTestSupport.demoSale(tenders: { _ in [.cash(given: Money(cents: 1100, .eur))] },
                                                   cashRounding: try CashRounding(increment: Money(cents: 5, .eur)))
        #expect(sale.cashRounding == Money(cents: -2, .eur))
        let lines = ReceiptLayout(width: .mm58).plainText(ReceiptTestSupport.receipt(sale))
        let start = try #require(lines.firstIndex { $0.hasPrefix("TOTAL") })
        #expect(Array(lines[start...(start + 4)]) == [
            "TOTAL EUR                  10.17",
            "Cash rounding              -0.02",
            "Amount due                 10.15",
            "Cash                       11.00",
            "Change                      0.85",
        ])
    }

    @Test func logoIsCenteredRasterAndTooWideLogoThrows() throws {
        var receipt = ReceiptTestSupport.receipt(try ReceiptTestSupport.demoSale())
        receipt.logo = MonochromeBitmap(width: 200, height: 16)
        let layout = ReceiptLayout(width: .mm58)
        #expect(layout.plainText(receipt).first == "[IMAGE 200x16]")
        let bytes = try layout.encode(receipt)
        #expect(bytes.firstRange(of: [0x1B, 0x61, 0x01, 0x1D, 0x76, 0x30, 0x00, 25, 0, 16, 0]) != nil)
        receipt.logo = MonochromeBitmap(width: 400, height: 16)
        #expect(throws: EscPosError.imageTooWide(width: 400, maximum: 384)) { try layout.encode(receipt) }
        #expect(throws: Never.self) { try ReceiptLayout(width: .mm80).encode(receipt) }
    }

    @Test func taxExclusiveShowsTheTaxAddedAndCardTender() throws {
        let line = PricedLine(productID: "hotdog", name: "Hot dog", quantity: 1, unitPrice: Money(cents: 1000, .usd),
                              modifiers: [], taxClass: "food", recipe: [])
        let cart = PricedCart(currency: .usd, taxMode: .exclusive, lines: [line], discounts: [],
                              taxes: [TaxLine(taxClass: "food", rateBasisPoints: 875, base: Money(cents: 1000, .usd),
                                              amount: Money(cents: 88, .usd))])
        let card = CardPayment(amount: Money(cents: 1088, .usd), maskedPAN: try MaskedPAN("******1234"), brand: .mastercard,
                               terminalReceiptNumber: "7", traceNumber: "8")
        let sale = try Sale.make(standID: "nyc-01", operatorID: "bob", createdAt: ReceiptTestSupport.saleTime,
                                 cart: cart, tenders: [.card(card)])
        let lines = ReceiptLayout(width: .mm58).plainText(ReceiptTestSupport.receipt(sale))
        #expect(lines.contains("Tax                         0.88"))
        #expect(lines.contains("TOTAL USD                  10.88"))
        #expect(lines.contains("Card MASTERCARD ******1234 10.88"))
        #expect(lines.contains("A 8.75%    10.00    0.88   10.88"))
        #expect(!lines.contains { $0.hasPrefix("Change") })
    }

    @Test func wrapperBreaksAtSpacesAndSplitsLongWords() {
        #expect(TextWrapper(width: 10).wrap("a bb ccc dddd eeeee") == ["a bb ccc", "dddd eeeee"])
        #expect(TextWrapper(width: 4).wrap("abcdefghij k") == ["abcd", "efgh", "ij k"])
        #expect(TextWrapper(width: 4).wrap("") == [""])
    }

    @Test func ratesPrintWithoutTrailingZeros() {
        #expect(ReceiptLayout.rateText(1900) == "19%")
        #expect(ReceiptLayout.rateText(750) == "7.5%")
        #expect(ReceiptLayout.rateText(875) == "8.75%")
        #expect(ReceiptLayout.rateText(5) == "0.05%")
    }

    /// Text lines of a job: printable bytes between line feeds, every ESC/GS sequence skipped.
    static func printedText(_ bytes: [UInt8], page: CodePage) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                lines.append(page.decode(current))
                current = []
                index += 1
            case 0x1B where bytes[index + 1] == 0x40: index += 2
            case 0x1B: index += 3        // ESC R/t/E/a n
            case 0x1D where bytes[index + 1] == 0x56: index += 4
            case 0x1D: index += 3        // GS ! n
            default:
                current.append(byte)
                index += 1
            }
        }
        return lines
    }
}
