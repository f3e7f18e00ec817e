/// The result of a transaction as the terminal reports it (`04 0F`): its fields, and the ones a
/// stand needs read into named values. `fields` is the record (all of them, in their order, the
/// unnamed ones too); the named values are read from it, and JSON holds only the fields.
public struct ZVTStatusInformation: Hashable, Sendable, Codable {
    public let fields: [ZVTField]

    /// BMP 27: 00 is success (`ZVTResultCode`).
    public let resultCode: UInt8
    /// BMP 04, in minor units.
    public let amount: Int64?
    /// BMP 49, ISO 4217 numeric (978 = EUR).
    public let currency: UInt16?
    /// BMP 0B.
    public let traceNumber: Int?
    /// BMP 37: the trace number of the transaction a reversal undid.
    public let originalTraceNumber: Int?
    /// BMP 87: the number printed on the receipt; a reversal names it.
    public let receiptNumber: Int?
    /// BMP 88.
    public let turnoverNumber: Int?
    /// BMP 0D.
    public let date: ZVTDate?
    /// BMP 0C.
    public let time: ZVTTime?
    /// BMP 0E.
    public let expiry: ZVTExpiry?
    /// BMP 17.
    public let cardSequenceNumber: Int?
    /// BMP 19.
    public let paymentType: UInt8?
    /// BMP 22: digits with `*` for each masked one ("6726********0016"). The full number never
    /// reaches the stand.
    public let maskedPAN: String?
    /// BMP 29: eight digits.
    public let terminalID: String?
    /// BMP 2A: the merchant's contract number with the acquirer.
    public let vuNumber: String?
    /// BMP 3B: the authorisation attribute.
    public let aid: String?
    /// BMP 8A.
    public let cardType: UInt8?
    /// BMP 8B: "Girocard", "VISA".
    public let cardName: String?
    /// BMP 3C.
    public let additionalText: String?
    /// BMP 60, in an end-of-day's status information, when it has the layout `ZVTTotals` reads;
    /// nil otherwise.
    public let totals: ZVTTotals?

    /// Reads the named values from `fields`. Throws when one is malformed, or when the result code
    /// (BMP 27), which every status information carries, is missing.
    public init(fields: [ZVTField]) throws(ZVTError) {
        _ = try ZVTFields.encode(fields) // every tag known, every length right
        guard let result = fields.first(0x27) else {
            throw .unexpected("A status information (04 0F) from the card terminal has no result code (BMP 27), "
                + "so whether the payment went through is unknown; check it with a status enquiry or the terminal's receipt.")
        }
        func number(_ tag: UInt8) throws(ZVTError) -> UInt64? {
            try fields.first(tag)?.number
        }
        func text(_ tag: UInt8) -> String? {
            fields.first(tag).map { ZVTText.decodeTrimmed($0.value) }
        }
        self.fields = fields
        resultCode = result.value[0]
        amount = try number(0x04).map { Int64($0) }
        currency = try number(0x49).map { UInt16($0) }
        traceNumber = try number(0x0B).map { Int($0) }
        originalTraceNumber = try number(0x37).map { Int($0) }
        receiptNumber = try number(0x87).map { Int($0) }
        turnoverNumber = try number(0x88).map { Int($0) }
        date = try number(0x0D).map { ZVTDate(month: Int($0 / 100), day: Int($0 % 100)) }
        time = try number(0x0C).map { ZVTTime(hour: Int($0 / 10000), minute: Int($0 / 100 % 100), second: Int($0 % 100)) }
        expiry = try number(0x0E).map { ZVTExpiry(year: Int($0 / 100), month: Int($0 % 100)) }
        cardSequenceNumber = try number(0x17).map { Int($0) }
        paymentType = fields.first(0x19)?.value[0]
        maskedPAN = try fields.first(0x22)?.maskedPAN
        terminalID = try fields.first(0x29)?.digits
        vuNumber = text(0x2A)
        aid = text(0x3B)
        cardType = fields.first(0x8A)?.value[0]
        cardName = text(0x8B)
        additionalText = fields.first(0x3C).map { ZVTText.decode($0.value) }
        // A terminal whose BMP 60 has another layout still reports its result; its totals are
        // then only in `fields` (and the amount, BMP 04).
        totals = fields.first(0x60).flatMap { field in try? ZVTTotals(bytes: field.value) }
    }

    /// The status information with these values, in the field order terminals use; `moreFields`
    /// go last (the simulator's way to send the unnamed ones).
    public init(resultCode: UInt8, amount: Int64? = nil, currency: UInt16? = nil, traceNumber: Int? = nil,
                originalTraceNumber: Int? = nil, receiptNumber: Int? = nil, turnoverNumber: Int? = nil,
                date: ZVTDate? = nil, time: ZVTTime? = nil, expiry: ZVTExpiry? = nil, cardSequenceNumber: Int? = nil,
                paymentType: UInt8? = nil, maskedPAN: String? = nil, terminalID: String? = nil, vuNumber: String? = nil,
                aid: String? = nil, cardType: UInt8? = nil, cardName: String? = nil, additionalText: String? = nil,
                totals: ZVTTotals? = nil, moreFields: [ZVTField] = []) throws(ZVTError) {
        var fields = [ZVTField.byte(0x27, resultCode)]
        func add(_ tag: UInt8, _ value: (some BinaryInteger)?) throws(ZVTError) {
            guard let value else { return }
            fields.append(try .number(tag, Int64(clamping: value)))
        }
        try add(0x04, amount)
        try add(0x0B, traceNumber)
        try add(0x37, originalTraceNumber)
        if let time {
            try Self.checkParts([("hour", time.hour), ("minute", time.minute), ("second", time.second)])
            try add(0x0C, time.hour * 10000 + time.minute * 100 + time.second)
        }
        if let date {
            try Self.checkParts([("month", date.month), ("day", date.day)])
            try add(0x0D, date.month * 100 + date.day)
        }
        if let expiry {
            try Self.checkParts([("expiry year", expiry.year), ("expiry month", expiry.month)])
            try add(0x0E, expiry.year * 100 + expiry.month)
        }
        try add(0x17, cardSequenceNumber)
        if let paymentType { fields.append(.byte(0x19, paymentType)) }
        if let maskedPAN { fields.append(try .maskedPAN(maskedPAN)) }
        if let terminalID { fields.append(try .digits(0x29, terminalID)) }
        if let vuNumber { fields.append(try .text(0x2A, vuNumber)) }
        if let aid { fields.append(try .text(0x3B, aid)) }
        try add(0x49, currency)
        try add(0x87, receiptNumber)
        try add(0x88, turnoverNumber)
        if let cardType { fields.append(.byte(0x8A, cardType)) }
        if let cardName { fields.append(try .text(0x8B, cardName)) }
        if let additionalText { fields.append(try .text(0x3C, additionalText)) }
        if let totals { fields.append(ZVTField(tag: 0x60, value: try totals.bytes)) }
        try self.init(fields: fields + moreFields)
    }

    /// Each part of a date or time is two BCD digits.
    private static func checkParts(_ parts: [(String, Int)]) throws(ZVTError) {
        for (name, value) in parts where !(0...99).contains(value) {
            throw .valueOutOfRange(field: name, value: Int64(value), allowed: 0...99)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case fields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let fields = try container.decode([ZVTField].self, forKey: .fields)
        do {
            try self.init(fields: fields)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .fields, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fields, forKey: .fields)
    }
}
