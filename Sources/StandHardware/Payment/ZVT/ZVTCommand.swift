/// A command the ECR (the stand) sends to the card terminal. Passwords are the terminal's six
/// digits; amounts are in minor units (cents); currencies ISO 4217 numeric (978 = EUR), nil for
/// the terminal's own.
public enum ZVTCommand: Hashable, Sendable {
    /// `06 00`: log on to the terminal and tell it what the ECR does itself. `config` is the
    /// config byte (0x02 ECR prints payment receipts, 0x04 administration receipts, 0x08 ECR
    /// wants intermediate status, 0x80 print lines instead of text blocks…); `acceptedCommands`
    /// (`0x06D3`, …) go in a TLV list (tag 26) when not empty.
    case registration(password: UInt32, config: UInt8, currency: UInt16? = 978, serviceByte: UInt8? = nil,
                      acceptedCommands: [UInt16] = [])
    /// `06 01`: charge `amount`.
    case authorization(amount: Int64, currency: UInt16? = 978)
    /// `06 02`.
    case logOff
    /// `06 B0`: stop the command in progress.
    case abort
    /// `06 30`: undo a payment, named by its receipt number (nil: the last one, on terminals that
    /// only reverse that).
    case reversal(password: UInt32, receiptNumber: Int?)
    /// `06 31`: pay `amount` back to a card.
    case refund(password: UInt32, amount: Int64, currency: UInt16? = 978)
    /// `06 50`: close the batch and send it to the acquirer.
    case endOfDay(password: UInt32)
    /// `06 20`: print the last receipt again; how an ECR learns the last transaction's result.
    case repeatReceipt(password: UInt32)
    /// `05 01`: the terminal's state; it answers with a completion carrying its status byte.
    case statusEnquiry(password: UInt32, serviceByte: UInt8? = nil)

    /// In the registration's TLV container: the list of commands the ECR accepts (tag 26), each a
    /// tag 0A holding class and instruction.
    static let registrationTLVList: UInt32 = 0x26
    static let registrationTLVCommand: UInt32 = 0x0A

    /// The APDU of this command. Throws when a number does not fit its field.
    public var apdu: ZVTAPDU {
        get throws(ZVTError) {
            switch self {
            case .registration(let password, let config, let currency, let serviceByte, let acceptedCommands):
                var data = try Self.password(password) + [config]
                if let currency { data += try ZVTField.number(0x49, Int64(currency)).value }
                var fields: [ZVTField] = []
                if let serviceByte { fields.append(.byte(0x03, serviceByte)) }
                if !acceptedCommands.isEmpty {
                    let list = acceptedCommands.map { ZVTTLV(tag: Self.registrationTLVCommand, value: [UInt8($0 >> 8), UInt8($0 & 0xFF)]) }
                    fields.append(ZVTField(tag: 0x06, value: ZVTTLV.encode([ZVTTLV(tag: Self.registrationTLVList, children: list)])))
                }
                return try ZVTTerminalMessage.apdu(0x06, 0x00, data + ZVTFields.encode(fields))
            case .authorization(let amount, let currency):
                return try ZVTAPDU(0x06, 0x01, data: ZVTFields.encode(Self.amountFields(amount, currency)))
            case .logOff:
                return ZVTAPDU(0x06, 0x02)
            case .abort:
                return ZVTAPDU(0x06, 0xB0)
            case .reversal(let password, let receiptNumber):
                let fields = try receiptNumber.map { number throws(ZVTError) in [try ZVTField.number(0x87, Int64(number))] } ?? []
                return try ZVTAPDU(0x06, 0x30, data: Self.password(password) + ZVTFields.encode(fields))
            case .refund(let password, let amount, let currency):
                return try ZVTAPDU(0x06, 0x31, data: Self.password(password) + ZVTFields.encode(Self.amountFields(amount, currency)))
            case .endOfDay(let password):
                return try ZVTAPDU(0x06, 0x50, data: Self.password(password))
            case .repeatReceipt(let password):
                return try ZVTAPDU(0x06, 0x20, data: Self.password(password))
            case .statusEnquiry(let password, let serviceByte):
                let fields = serviceByte.map { [ZVTField.byte(0x03, $0)] } ?? []
                return try ZVTAPDU(0x05, 0x01, data: Self.password(password) + ZVTFields.encode(fields))
            }
        }
    }

    /// Reads a command from the ECR (for the terminal simulator). Throws for a malformed one and
    /// for one that is not in this list (the terminal answers those `84 83`).
    public static func decode(_ apdu: ZVTAPDU) throws(ZVTError) -> ZVTCommand {
        let data = apdu.data
        switch (apdu.commandClass, apdu.instruction) {
        case (0x06, 0x00):
            return try registration(data)
        case (0x06, 0x01):
            let (amount, currency) = try amount(in: ZVTFields.decode(data), of: "authorization (06 01)")
            return .authorization(amount: amount, currency: currency)
        case (0x06, 0x02):
            return .logOff
        case (0x06, 0xB0):
            return .abort
        case (0x06, 0x30):
            let (password, fields) = try passwordAndFields(data, of: "reversal (06 30)")
            return .reversal(password: password, receiptNumber: try fields.first(0x87).map { field throws(ZVTError) in Int(try field.number) })
        case (0x06, 0x31):
            let (password, fields) = try passwordAndFields(data, of: "refund (06 31)")
            let (amount, currency) = try amount(in: fields, of: "refund (06 31)")
            return .refund(password: password, amount: amount, currency: currency)
        case (0x06, 0x50):
            return .endOfDay(password: try passwordAndFields(data, of: "end-of-day (06 50)").password)
        case (0x06, 0x20):
            return .repeatReceipt(password: try passwordAndFields(data, of: "repeat receipt (06 20)").password)
        case (0x05, 0x01):
            let (password, fields) = try passwordAndFields(data, of: "status enquiry (05 01)")
            return .statusEnquiry(password: password, serviceByte: fields.first(0x03)?.value[0])
        default:
            throw .unexpected("\(apdu) is not a command the stand sends.")
        }
    }

    private static func password(_ password: UInt32) throws(ZVTError) -> [UInt8] {
        guard password <= 999_999 else {
            throw .valueOutOfRange(field: "terminal password", value: Int64(password), allowed: 0...999_999)
        }
        return ZVTBCD.encode(UInt64(password), byteCount: 3)
    }

    private static func amountFields(_ amount: Int64, _ currency: UInt16?) throws(ZVTError) -> [ZVTField] {
        var fields = [try ZVTField.number(0x04, amount)]
        if let currency { fields.append(try .number(0x49, Int64(currency))) }
        return fields
    }

    private static func amount(in fields: [ZVTField], of command: String) throws(ZVTError) -> (Int64, UInt16?) {
        guard let amount = fields.first(0x04) else { throw .truncated(what: "the \(command): its amount (BMP 04)") }
        let currency = try fields.first(0x49).map { field throws(ZVTError) in UInt16(try field.number) }
        return (Int64(try amount.number), currency)
    }

    private static func passwordAndFields(_ data: [UInt8], of command: String) throws(ZVTError) -> (password: UInt32, fields: [ZVTField]) {
        guard data.count >= 3 else { throw .truncated(what: "the \(command): its password") }
        let password = UInt32(try ZVTBCD.decode(data.prefix(3), field: "password of the \(command)"))
        return (password, try ZVTFields.decode(data.dropFirst(3)))
    }

    /// Password, config byte, then either the currency (two bytes without a tag) or straight the
    /// optional fields 03 and 06. A currency starting with byte 03 or 06 (ISK 352, RUB 643) reads
    /// like a field; when both readings work, the one with a currency is taken.
    private static func registration(_ data: [UInt8]) throws(ZVTError) -> ZVTCommand {
        guard data.count >= 4 else { throw .truncated(what: "the registration (06 00): its password and config byte") }
        let password = UInt32(try ZVTBCD.decode(data.prefix(3), field: "password of the registration (06 00)"))
        let config = data[3]
        let rest = data.dropFirst(4)
        var currency: UInt16?
        var fields: [ZVTField]
        if rest.count >= 2, let withCurrency = try? ZVTFields.decode(rest.dropFirst(2)),
           let code = try? ZVTBCD.decode(rest.prefix(2), field: "currency") {
            currency = UInt16(code)
            fields = withCurrency
        } else {
            fields = try ZVTFields.decode(rest)
        }
        if let unexpected = fields.first(where: { $0.tag != 0x03 && $0.tag != 0x06 }) {
            throw .unexpected("A registration (06 00) holds field \(ZVTHex.text(unexpected.tag)); only the service byte (03) and a TLV container (06) may follow the currency.")
        }
        var accepted: [UInt16] = []
        if let container = fields.first(0x06) {
            let list = ZVTTLV.first(registrationTLVList, in: try ZVTTLV.decode(container.value))
            for command in try list?.children ?? [] where command.tag == registrationTLVCommand {
                guard command.value.count == 2 else {
                    throw .malformedTLV("a command code (tag 0A) in the registration has \(command.value.count) bytes, not 2")
                }
                accepted.append(UInt16(command.value[0]) << 8 | UInt16(command.value[1]))
            }
        }
        return .registration(password: password, config: config, currency: currency,
                             serviceByte: fields.first(0x03)?.value[0], acceptedCommands: accepted)
    }
}
