// Typed values into and out of fields, for the messages that carry them.
extension ZVTField {
    /// A fixed-length BCD field (amount, trace number, currency…) holding `value`.
    static func number(_ tag: UInt8, _ value: Int64) throws(ZVTError) -> ZVTField {
        guard case .fixed(let byteCount) = ZVTFields.format(of: tag) else { throw .unknownField(tag: tag) }
        let maximum = Int64(clamping: ZVTBCD.maximum(byteCount: byteCount))
        guard (0...maximum).contains(value) else {
            throw .valueOutOfRange(field: ZVTFields.name(of: tag), value: value, allowed: 0...maximum)
        }
        return ZVTField(tag: tag, value: ZVTBCD.encode(UInt64(value), byteCount: byteCount))
    }

    static func byte(_ tag: UInt8, _ value: UInt8) -> ZVTField {
        ZVTField(tag: tag, value: [value])
    }

    /// A text field; a fixed-length one is padded with spaces and may not be longer.
    static func text(_ tag: UInt8, _ text: String) throws(ZVTError) -> ZVTField {
        var bytes = ZVTText.encode(text)
        if case .fixed(let size) = ZVTFields.format(of: tag) {
            guard bytes.count <= size else {
                throw .badLength(what: "the \(ZVTFields.name(of: tag)) \"\(text)\" has \(bytes.count) characters, at most \(size) fit")
            }
            bytes += [UInt8](repeating: 0x20, count: size - bytes.count)
        }
        return ZVTField(tag: tag, value: bytes)
    }

    /// A field of decimal digits written as they are, leading zeros kept (the terminal ID).
    static func digits(_ tag: UInt8, _ text: String) throws(ZVTError) -> ZVTField {
        guard case .fixed(let size) = ZVTFields.format(of: tag) else { throw .unknownField(tag: tag) }
        guard text.utf8.count == size * 2, let bytes = ZVTBCD.bytes(ofDigits: text) else {
            throw .badLength(what: "the \(ZVTFields.name(of: tag)) \"\(text)\" is not \(size * 2) digits")
        }
        return ZVTField(tag: tag, value: bytes)
    }

    /// The card number as BCD digits, `*` for a masked digit (nibble E), padded with F.
    static func maskedPAN(_ pan: String) throws(ZVTError) -> ZVTField {
        var nibbles: [UInt8] = []
        for character in pan.utf8 {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibbles.append(character - UInt8(ascii: "0"))
            case UInt8(ascii: "*"): nibbles.append(0xE)
            default: throw .badBCD(field: "card number (PAN) \"\(pan)\"")
            }
        }
        if !nibbles.count.isMultiple(of: 2) { nibbles.append(0xF) }
        let bytes = stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
        return ZVTField(tag: 0x22, value: bytes)
    }

    var name: String {
        ZVTFields.name(of: tag)
    }

    /// The BCD number in the field.
    var number: UInt64 {
        get throws(ZVTError) {
            try ZVTBCD.decode(value, field: "\(name) (BMP \(ZVTHex.pair(tag)))")
        }
    }

    var digits: String {
        get throws(ZVTError) {
            try ZVTBCD.digits(value, field: "\(name) (BMP \(ZVTHex.pair(tag)))")
        }
    }

    /// The masked card number: digits, `*` for each E nibble, F padding dropped.
    var maskedPAN: String {
        get throws(ZVTError) {
            var text = ""
            for nibble in value.flatMap({ [$0 >> 4, $0 & 0x0F] }) {
                switch nibble {
                case 0...9: text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + nibble)))
                case 0xE: text.append("*")
                case 0xF: continue
                default: throw .badBCD(field: "card number (PAN, BMP 22)")
                }
            }
            return text
        }
    }
}

extension [ZVTField] {
    func first(_ tag: UInt8) -> ZVTField? {
        first { $0.tag == tag }
    }
}
