/// A card payment as the terminal authorised it. Holds the masked card number only.
public struct CardPayment: Hashable, Sendable, Codable {
    public let amount: Money
    public let maskedPAN: MaskedPAN
    public let brand: CardBrand
    /// The receipt number the terminal printed.
    public let terminalReceiptNumber: String
    /// The terminal's trace number, needed for a reversal.
    public let traceNumber: String

    public init(amount: Money, maskedPAN: MaskedPAN, brand: CardBrand, terminalReceiptNumber: String, traceNumber: String) {
        self.amount = amount
        self.maskedPAN = maskedPAN
        self.brand = brand
        self.terminalReceiptNumber = terminalReceiptNumber
        self.traceNumber = traceNumber
    }
}

/// The card scheme the terminal reported.
public enum CardBrand: String, Hashable, Sendable, Codable, CaseIterable {
    case visa, mastercard, maestro, girocard, amex, vpay, other
}
