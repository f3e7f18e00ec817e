/// ZVT's field (BMP) table and the field list of an APDU. A field's length comes from its tag,
/// so an unknown tag ends the reading: nothing after it can be found.
public enum ZVTFields {
    /// The format of a field, or nil for a tag outside the table.
    public static func format(of tag: UInt8) -> ZVTFieldFormat? {
        entry(tag)?.format
    }

    /// The field's name for logs and errors: "amount", "BMP 0x99" for an unknown tag.
    public static func name(of tag: UInt8) -> String {
        entry(tag)?.name ?? "BMP \(ZVTHex.text(tag))"
    }

    /// The bytes of `fields` in their order, each with its tag and length prefix. Throws when a
    /// tag is unknown or a value's length does not fit its format.
    public static func encode(_ fields: [ZVTField]) throws(ZVTError) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in fields {
            guard let (format, name) = entry(field.tag) else { throw .unknownField(tag: field.tag) }
            let count = field.value.count
            bytes.append(field.tag)
            switch format {
            case .fixed(let size):
                guard count == size else {
                    throw .badLength(what: "the \(name) (BMP \(ZVTHex.pair(field.tag))) takes \(size) bytes, not \(count)")
                }
            case .llvar:
                bytes += try variableLength(count, digits: 2, name: name, tag: field.tag)
            case .lllvar:
                bytes += try variableLength(count, digits: 3, name: name, tag: field.tag)
            case .tlvContainer:
                guard count <= ZVTAPDU.maximumDataCount else {
                    throw .badLength(what: "the TLV container (BMP 06) holds \(count) bytes, more than an APDU carries")
                }
                bytes += ZVTTLV.encodeLength(count)
            }
            bytes += field.value
        }
        return bytes
    }

    /// The fields in `bytes`, in order, until the bytes end.
    public static func decode(_ bytes: some Collection<UInt8>) throws(ZVTError) -> [ZVTField] {
        let bytes = Array(bytes)
        var fields: [ZVTField] = []
        var index = 0
        while index < bytes.count {
            let tag = bytes[index]
            index += 1
            guard let (format, name) = entry(tag) else { throw .unknownField(tag: tag) }
            let count: Int
            switch format {
            case .fixed(let size):
                count = size
            case .llvar:
                count = try readVariableLength(bytes, at: &index, digits: 2, name: name, tag: tag)
            case .lllvar:
                count = try readVariableLength(bytes, at: &index, digits: 3, name: name, tag: tag)
            case .tlvContainer:
                count = try ZVTTLV.readLength(bytes, at: &index, of: "the TLV container (BMP 06)")
            }
            guard count <= bytes.count - index else {
                throw .truncated(what: "the \(name) (BMP \(ZVTHex.pair(tag)): \(count) bytes, \(bytes.count - index) came)")
            }
            fields.append(ZVTField(tag: tag, value: Array(bytes[index..<index + count])))
            index += count
        }
        return fields
    }

    private static func variableLength(_ count: Int, digits: Int, name: String, tag: UInt8) throws(ZVTError) -> [UInt8] {
        let limit = digits == 2 ? 99 : 999
        guard count <= limit else {
            throw .badLength(what: "the \(name) (BMP \(ZVTHex.pair(tag))) holds \(count) bytes, at most \(limit) fit")
        }
        var bytes = [UInt8](repeating: 0xF0, count: digits)
        var rest = count
        for index in stride(from: digits - 1, through: 0, by: -1) {
            bytes[index] |= UInt8(rest % 10)
            rest /= 10
        }
        return bytes
    }

    private static func readVariableLength(_ bytes: [UInt8], at index: inout Int, digits: Int, name: String,
                                           tag: UInt8) throws(ZVTError) -> Int {
        guard bytes.count - index >= digits else {
            throw .truncated(what: "the length of the \(name) (BMP \(ZVTHex.pair(tag)))")
        }
        var count = 0
        for byte in bytes[index..<index + digits] {
            guard byte >> 4 == 0xF, byte & 0x0F <= 9 else {
                throw .badLength(what: "the length of the \(name) (BMP \(ZVTHex.pair(tag))) is "
                    + "\(ZVTHex.spaced(bytes[index..<index + digits])), not digits in F-nibbles like F1 F7")
            }
            count = count * 10 + Int(byte & 0x0F)
        }
        index += digits
        return count
    }

    // The table of the ZVT specification's field list (its chapter on bitmaps).
    private static func entry(_ tag: UInt8) -> (format: ZVTFieldFormat, name: String)? {
        switch tag {
        case 0x01: (.fixed(1), "timeout")
        case 0x02: (.fixed(1), "maximum number of status informations")
        case 0x03: (.fixed(1), "service byte")
        case 0x04: (.fixed(6), "amount")
        case 0x05: (.fixed(1), "pump number")
        case 0x06: (.tlvContainer, "TLV container")
        case 0x0B: (.fixed(3), "trace number")
        case 0x0C: (.fixed(3), "time")
        case 0x0D: (.fixed(2), "date")
        case 0x0E: (.fixed(2), "expiry date")
        case 0x17: (.fixed(2), "card sequence number")
        case 0x19: (.fixed(1), "payment type")
        case 0x22: (.llvar, "card number (PAN)")
        case 0x23: (.llvar, "track 2 data")
        case 0x24: (.lllvar, "track 3 data")
        case 0x27: (.fixed(1), "result code")
        case 0x29: (.fixed(4), "terminal ID")
        case 0x2A: (.fixed(15), "VU number")
        case 0x2D: (.llvar, "track 1 data")
        case 0x2E: (.lllvar, "synchronous chip data")
        case 0x37: (.fixed(3), "original trace number")
        case 0x3A: (.fixed(2), "CVV/CVC")
        case 0x3B: (.fixed(8), "authorisation attribute (AID)")
        case 0x3C: (.lllvar, "additional text")
        case 0x3D: (.fixed(3), "password")
        case 0x49: (.fixed(2), "currency code")
        case 0x60: (.lllvar, "individual totals")
        case 0x87: (.fixed(2), "receipt number")
        case 0x88: (.fixed(3), "turnover number")
        case 0x8A: (.fixed(1), "card type")
        case 0x8B: (.llvar, "card name")
        case 0x8C: (.fixed(1), "card type ID of the network operator")
        case 0x9A: (.lllvar, "Geldkarte payment record")
        case 0xA0: (.fixed(1), "result code of the authorisation system")
        case 0xA7: (.llvar, "chip data")
        case 0xAF: (.lllvar, "EF_ID")
        case 0xBA: (.fixed(5), "AID parameter")
        case 0xD0: (.fixed(1), "algorithm key")
        case 0xD1: (.llvar, "card offset/PIN data")
        case 0xD2: (.fixed(1), "DUKPT key identifier")
        case 0xD3: (.fixed(1), "cipher")
        case 0xE0: (.fixed(1), "minimum length of the input")
        case 0xE1...0xED: (.llvar, "text line \(tag - 0xE0)")
        case 0xF0: (.fixed(1), "display duration")
        case 0xF1...0xF9: (.llvar, "display text line \(tag - 0xF0)")
        default: nil
        }
    }
}
