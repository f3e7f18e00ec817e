/// A card number with its middle digits hidden: "******1234" or "492000******1234".
///
/// At most the first 6 and the last 4 digits may be visible and at least one digit must be masked,
/// so a full card number can never be stored. `*`, `X` and `x` count as mask characters; spaces are
/// ignored; the stored form uses `*`.
public struct MaskedPAN: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ text: String) throws(SaleError) {
        let compact = text.filter { $0 != " " }
        var normalized = ""
        var digits = 0
        var masked = 0
        for character in compact {
            if character.isASCIIDigit {
                digits += 1
                normalized.append(character)
            } else if character == "*" || character == "X" || character == "x" {
                masked += 1
                normalized.append("*")
            } else {
                throw .invalidMaskedPAN(reason: "it may contain only digits and the mask characters * or X")
            }
        }
        if masked == 0 {
            throw digits >= 12 ? .unmaskedCardNumber : .invalidMaskedPAN(reason: "no digit is masked")
        }
        guard digits >= 1, digits <= 10 else {
            throw .invalidMaskedPAN(reason: digits == 0 ? "no digit is visible" : "more than the first 6 and last 4 digits are visible")
        }
        guard normalized.count <= 19 else { throw .invalidMaskedPAN(reason: "longer than 19 characters") }
        let leading = normalized.prefix { $0 != "*" }.count
        let trailing = normalized.reversed().prefix { $0 != "*" }.count
        guard leading + trailing == digits, leading <= 6, trailing <= 4 else {
            throw .invalidMaskedPAN(reason: "only the first 6 and the last 4 digits may be visible")
        }
        value = normalized
    }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
}
