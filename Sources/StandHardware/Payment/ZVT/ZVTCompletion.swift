/// The terminal's end of a command (`06 0F`): it gives the master rights back to the ECR. Its
/// fields are all optional; a payment's outcome is in the status information before it.
public struct ZVTCompletion: Hashable, Sendable {
    public let fields: [ZVTField]
    /// BMP 27.
    public let resultCode: UInt8?
    /// BMP 19: the terminal's status byte (after a status enquiry).
    public let statusByte: UInt8?
    /// BMP 29: eight digits.
    public let terminalID: String?
    /// BMP 49, ISO 4217 numeric.
    public let currency: UInt16?

    public init(fields: [ZVTField]) throws(ZVTError) {
        _ = try ZVTFields.encode(fields) // every tag known, every length right
        self.fields = fields
        resultCode = fields.first(0x27)?.value[0]
        statusByte = fields.first(0x19)?.value[0]
        terminalID = try fields.first(0x29)?.digits
        currency = try fields.first(0x49).map { field throws(ZVTError) in UInt16(try field.number) }
    }

    public init(resultCode: UInt8? = nil, statusByte: UInt8? = nil, terminalID: String? = nil,
                currency: UInt16? = nil) throws(ZVTError) {
        var fields: [ZVTField] = []
        if let resultCode { fields.append(.byte(0x27, resultCode)) }
        if let statusByte { fields.append(.byte(0x19, statusByte)) }
        if let terminalID { fields.append(try .digits(0x29, terminalID)) }
        if let currency { fields.append(try .number(0x49, Int64(currency))) }
        try self.init(fields: fields)
    }
}
