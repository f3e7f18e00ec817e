import StandCore
import StandHardware

/// What the simulated terminal has done, for tests to compare with what the stand believes: its
/// transactions (the terminal's journal) and every APDU it took from the ECR.
public struct ZVTSimulatorLedger: Hashable, Sendable {
    /// Oldest first. Receipt and trace numbers increase across ECR reconnects and power losses.
    public let transactions: [ZVTSimulatedTransaction]
    /// Every APDU the terminal took from the ECR, acknowledgements (`80 00 00`) included, oldest
    /// first. Frames it answered with NAK are not here.
    public let receivedAPDUs: [ZVTAPDU]

    /// The money that stays charged: approved payments not reversed. (Refunds are listed on their
    /// own and not netted: a stand's card sales are compared with the charges.)
    public var netCharges: ZVTNetCharges {
        let charges = transactions.filter { $0.kind == .payment && $0.isApproved && !$0.isReversed }
        return ZVTNetCharges(count: charges.count, amount: charges.reduce(0) { $0 + $1.amount })
    }

    public var lastTransaction: ZVTSimulatedTransaction? {
        transactions.last
    }
}

/// Approved payments that were not reversed: how many, and their sum in minor units.
public struct ZVTNetCharges: Hashable, Sendable, CustomStringConvertible {
    public let count: Int
    public let amount: Int64

    public init(count: Int, amount: Int64) {
        self.count = count
        self.amount = amount
    }

    public var description: String { "\(count) charges, \(amount) cents" }
}

/// One transaction in the simulated terminal's journal.
public struct ZVTSimulatedTransaction: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case payment
        case refund
        /// The undoing of a payment (`reversedReceiptNumber`).
        case reversal
    }

    public let kind: Kind
    /// The number on its receipt (BMP 87), 1…9999, then from 1 again.
    public let receiptNumber: Int
    /// BMP 0B, 1…999999.
    public let traceNumber: Int
    /// In minor units; a reversal's is the payment's.
    public let amount: Int64
    /// ISO 4217 numeric.
    public let currency: UInt16
    /// BMP 27: 00 approved, else why not (`ZVTResultCode`).
    public let resultCode: UInt8
    /// Whether a later reversal undid this payment.
    public internal(set) var isReversed: Bool
    /// The card the customer used; nil when none was read.
    public let card: ZVTSimulatedCard?
    /// For a reversal: the receipt number of the payment it undid.
    public let reversedReceiptNumber: Int?
    /// The terminal's clock when it decided.
    public let date: ZVTDate
    public let time: ZVTTime
    /// For a reversal: the payment's trace number (BMP 37).
    let originalTraceNumber: Int?
    /// How many end-of-day closings came before it: a payment is reversible only in its batch.
    let batch: Int

    public var isApproved: Bool {
        resultCode == ZVTResultCode.success
    }
}

/// The card of a simulated transaction. The terminal reports only its masked number.
public struct ZVTSimulatedCard: Hashable, Sendable {
    public let brand: CardBrand
    /// "************1234": the digits the ECR sees (BMP 22), `*` for each masked one.
    public let maskedPAN: String
    /// BMP 0E: December, three years on.
    let expiry: ZVTExpiry

    /// `lastDigits`: up to four digits; anything else in it is dropped.
    public init(brand: CardBrand, lastDigits: String) {
        self.brand = brand
        let digits = String(lastDigits.filter { $0.isASCII && $0.isNumber }.suffix(4))
        let length = brand == .amex ? 15 : 16
        maskedPAN = String(repeating: "*", count: length - digits.count) + digits
        expiry = ZVTExpiry(year: (ZVTSimulatorJournal.clock().year + 3) % 100, month: 12)
    }

    /// BMP 8B, as terminals print it.
    var name: String {
        switch brand {
        case .visa: "VISA"
        case .mastercard: "Mastercard"
        case .maestro: "Maestro"
        case .girocard: "girocard"
        case .amex: "American Express"
        case .vpay: "V PAY"
        case .other: "Debit card"
        }
    }

    /// BMP 8A: the number of the ZVT card-type list (girocard 5, Mastercard 6, Amex 8, Visa 10,
    /// V PAY 13, Maestro 46, as StandKit reads that list; not checked against a real terminal).
    /// The stand goes by the card name (BMP 8B).
    var typeID: UInt8 {
        switch brand {
        case .girocard: 5
        case .mastercard: 6
        case .amex: 8
        case .visa: 10
        case .vpay: 13
        case .maestro: 46
        case .other: 0xFF
        }
    }

    /// The card's line in the end-of-day totals (BMP 60, `ZVTTotals.lines` order: girocard, JCB,
    /// Eurocard, Amex, Visa, Diners, other): Maestro counts with Mastercard (Eurocard), V PAY
    /// with Visa.
    var totalsLine: Int {
        switch brand {
        case .girocard: 0
        case .mastercard, .maestro: 2
        case .amex: 3
        case .visa, .vpay: 4
        case .other: 6
        }
    }
}
