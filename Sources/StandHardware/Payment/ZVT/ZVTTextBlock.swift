/// A receipt the terminal sends whole (`06 D3`) for the ECR to print: BMP 06 holding tag 25
/// (print texts), which holds a tag 07 per line and tag 1F07 for the kind of receipt.
public struct ZVTTextBlock: Hashable, Sendable {
    /// Whose copy the receipt is (tag 1F07).
    public enum ReceiptType: Hashable, Sendable {
        case merchant
        case customer
        case administration
        case other(UInt8)

        public init(code: UInt8) {
            switch code {
            case 1: self = .merchant
            case 2: self = .customer
            case 3: self = .administration
            default: self = .other(code)
            }
        }

        public var code: UInt8 {
            switch self {
            case .merchant: 1
            case .customer: 2
            case .administration: 3
            case .other(let code): code
            }
        }
    }

    public let receiptType: ReceiptType?
    public let lines: [String]

    public init(receiptType: ReceiptType?, lines: [String]) {
        self.receiptType = receiptType
        self.lines = lines
    }

    static let printTexts: UInt32 = 0x25
    static let textLine: UInt32 = 0x07
    static let receiptTypeTag: UInt32 = 0x1F07

    init(data: [UInt8]) throws(ZVTError) {
        let fields = try ZVTFields.decode(data)
        guard let container = fields.first(0x06) else {
            throw .unexpected("A text block (06 D3) from the card terminal holds no TLV container (BMP 06), so it has no lines to print.")
        }
        let objects = try ZVTTLV.decode(container.value)
        guard let texts = ZVTTLV.first(Self.printTexts, in: objects) else {
            throw .malformedTLV("the text block (06 D3) has no print texts (tag 25)")
        }
        let inside = try texts.children
        let type = ZVTTLV.first(Self.receiptTypeTag, in: inside) ?? ZVTTLV.first(Self.receiptTypeTag, in: objects)
        if let type, type.value.count != 1 {
            throw .malformedTLV("the receipt type (tag 1F07) has \(type.value.count) bytes, not 1")
        }
        self.init(receiptType: type.map { ReceiptType(code: $0.value[0]) },
                  lines: inside.filter { $0.tag == Self.textLine }.map { ZVTText.decode($0.value) })
    }

    var data: [UInt8] {
        get throws(ZVTError) {
            var inside: [ZVTTLV] = []
            if let receiptType { inside.append(ZVTTLV(tag: Self.receiptTypeTag, value: [receiptType.code])) }
            inside += lines.map { ZVTTLV(tag: Self.textLine, value: ZVTText.encode($0)) }
            let container = ZVTTLV.encode([ZVTTLV(tag: Self.printTexts, children: inside)])
            return try ZVTFields.encode([ZVTField(tag: 0x06, value: container)])
        }
    }
}
