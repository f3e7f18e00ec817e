/// A message from the card terminal, read from its APDU. The ECR answers each with `80 00 00`,
/// except the ones it does not handle (`.other`), which it answers with `84 83`.
public enum ZVTTerminalMessage: Hashable, Sendable {
    /// `80 00 00`: the terminal took the ECR's command.
    case acknowledged
    /// `84 xx 00`: the terminal refused the ECR's command; `code` is a result code.
    case refused(code: UInt8)
    /// `04 FF`: what the terminal is doing while the customer pays.
    case intermediateStatus(ZVTIntermediateStatus)
    /// `04 0F`: the result of the transaction.
    case statusInformation(ZVTStatusInformation)
    /// `06 0F`: the terminal is done and gives the master rights back.
    case completion(ZVTCompletion)
    /// `06 1E`: the terminal ended the command without success (6C: the customer pressed stop or
    /// the terminal timed out).
    case abort(resultCode: UInt8, text: String?)
    /// `06 D1`: one line to print.
    case printLine(attribute: UInt8, text: String)
    /// `06 D3`: a whole receipt to print.
    case printTextBlock(ZVTTextBlock)
    /// Anything else.
    case other(ZVTAPDU)

    /// Reads an APDU from the terminal. An APDU of a kind the ECR handles but malformed throws;
    /// one of another kind is `.other`.
    public static func decode(_ apdu: ZVTAPDU) throws(ZVTError) -> ZVTTerminalMessage {
        let data = apdu.data
        switch (apdu.commandClass, apdu.instruction) {
        case (0x80, 0x00) where data.isEmpty:
            return .acknowledged
        case (0x84, let code) where data.isEmpty:
            return .refused(code: code)
        case (0x04, 0xFF):
            return .intermediateStatus(try ZVTIntermediateStatus(data: data))
        case (0x04, 0x0F):
            return .statusInformation(try ZVTStatusInformation(fields: ZVTFields.decode(data)))
        case (0x06, 0x0F):
            return .completion(try ZVTCompletion(fields: ZVTFields.decode(data)))
        case (0x06, 0x1E):
            guard let code = data.first else { throw .truncated(what: "the result code of the terminal's abort (06 1E)") }
            let text = try ZVTFields.decode(data.dropFirst()).first(0x3C).map { ZVTText.decode($0.value) }
            return .abort(resultCode: code, text: text)
        case (0x06, 0xD1):
            guard let attribute = data.first else { throw .truncated(what: "the attribute byte of a print line (06 D1)") }
            return .printLine(attribute: attribute, text: ZVTText.decode(data.dropFirst()))
        case (0x06, 0xD3):
            return .printTextBlock(try ZVTTextBlock(data: data))
        default:
            return .other(apdu)
        }
    }

    /// The APDU that carries this message (for the terminal simulator). Throws when a value does
    /// not fit its field or the message does not fit an APDU.
    public var apdu: ZVTAPDU {
        get throws(ZVTError) {
            switch self {
            case .acknowledged:
                return .positiveAcknowledgement
            case .refused(let code):
                return .negativeAcknowledgement(code)
            case .intermediateStatus(let status):
                return try Self.apdu(0x04, 0xFF, status.data)
            case .statusInformation(let information):
                return try Self.apdu(0x04, 0x0F, ZVTFields.encode(information.fields))
            case .completion(let completion):
                return try Self.apdu(0x06, 0x0F, ZVTFields.encode(completion.fields))
            case .abort(let code, let text):
                let fields = try text.map { text throws(ZVTError) in try ZVTFields.encode([.text(0x3C, text)]) } ?? []
                return try Self.apdu(0x06, 0x1E, [code] + fields)
            case .printLine(let attribute, let text):
                return try Self.apdu(0x06, 0xD1, [attribute] + ZVTText.encode(text))
            case .printTextBlock(let block):
                return try Self.apdu(0x06, 0xD3, block.data)
            case .other(let apdu):
                return apdu
            }
        }
    }

    static func apdu(_ commandClass: UInt8, _ instruction: UInt8, _ data: [UInt8]) throws(ZVTError) -> ZVTAPDU {
        guard data.count <= ZVTAPDU.maximumDataCount else {
            throw .badLength(what: "\(ZVTHex.spaced([commandClass, instruction])) would carry \(data.count) bytes, "
                + "more than the \(ZVTAPDU.maximumDataCount) an APDU holds")
        }
        return ZVTAPDU(commandClass, instruction, data: data)
    }
}
