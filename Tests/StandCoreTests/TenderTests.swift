import StandCore
import Testing

@Suite struct TenderTests {
    @Test(arguments: ["******1234", "492000******1234", "4920 00** **** 1234", "XXXXXXXXXXXX1234", "************1234"])
    func maskedNumbersAreAccepted(text: String) throws {
        let pan = try MaskedPAN(text)
        #expect(pan.value.hasSuffix("1234"))
        #expect(!pan.value.contains("X"))
    }

    @Test(arguments: ["4920001234561234", "4111 1111 1111 1111", "4111111111111"])
    func fullCardNumbersAreRefused(text: String) {
        #expect(throws: SaleError.unmaskedCardNumber) { try MaskedPAN(text) }
    }

    @Test(arguments: ["4920001*****1234", "49200012345*1234", "492000******12345", "****", "12*4-5678", "1234"])
    func tooMuchVisibleOrMalformedIsRefused(text: String) {
        #expect(throws: SaleError.self) { try MaskedPAN(text) }
    }

    @Test func decodingAFullNumberFails() throws {
        #expect(throws: SaleError.unmaskedCardNumber) { try JournalPayload.decode(MaskedPAN.self, from: "\"4111111111111111\"") }
    }

    @Test func tenderAmountsAndNames() throws {
        let card = CardPayment(amount: Money(cents: 250, .eur), maskedPAN: try MaskedPAN("******0001"), brand: .girocard,
                               terminalReceiptNumber: "1", traceNumber: "2")
        #expect(Tender.card(card).amount == Money(cents: 250, .eur))
        #expect(Tender.cash(given: Money(cents: 500, .eur)).kindName == "cash")
        #expect(Tender.internalCredit(account: "a", amount: Money(cents: 1, .eur)).kindName == "internal-credit")
        #expect(Tender.appPrepaid(amount: Money(cents: 1, .eur), orderTokenID: "t").kindName == "app-prepaid")
    }

    @Test func cashRoundingNeedsAPositiveCoin() {
        #expect(throws: SaleError.invalidCashRoundingIncrement(Money(cents: 0, .chf))) { try CashRounding(increment: Money(cents: 0, .chf)) }
    }
}
