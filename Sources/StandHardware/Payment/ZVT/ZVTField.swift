/// One field of a ZVT APDU (a "BMP"): its tag byte and its value, without the LL/LLL prefix or
/// the TLV container's length. In JSON: `{"tag": "04", "value": "000000000154"}`.
public struct ZVTField: Hashable, Sendable, Codable, CustomStringConvertible {
    public let tag: UInt8
    public let value: [UInt8]

    public init(tag: UInt8, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// "04 amount: 00 00 00 00 01 54".
    public var description: String {
        "\(ZVTHex.pair(tag)) \(ZVTFields.name(of: tag)): \(ZVTHex.spaced(value))"
    }

    private enum CodingKeys: String, CodingKey {
        case tag, value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let tagText = try container.decode(String.self, forKey: .tag)
        guard let tag = ZVTHex.bytes(tagText), tag.count == 1 else {
            throw DecodingError.dataCorruptedError(forKey: .tag, in: container, debugDescription: "\"\(tagText)\" is not one hex byte")
        }
        let valueText = try container.decode(String.self, forKey: .value)
        guard let value = ZVTHex.bytes(valueText) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "not hex bytes")
        }
        self.init(tag: tag[0], value: value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ZVTHex.pair(tag), forKey: .tag)
        try container.encode(ZVTHex.packed(value), forKey: .value)
    }
}

/// How a field's value is delimited on the wire.
public enum ZVTFieldFormat: Hashable, Sendable {
    /// Always this many bytes.
    case fixed(Int)
    /// Two length bytes, digits in F-nibbles (`F1 F7` = 17), then up to 99 bytes.
    case llvar
    /// Three length bytes (`F1 F2 F3` = 123), then up to 999 bytes.
    case lllvar
    /// BMP 06: a BER length (`< 0x80`, `81 xx`, `82 xx xx`), then TLV objects (`ZVTTLV`).
    case tlvContainer
}
