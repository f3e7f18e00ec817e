/// Hex text for descriptions, logs and JSON: `0x1F`, `06 01 07`, `0601`.
enum ZVTHex {
    static func text(_ byte: UInt8) -> String {
        "0x" + pair(byte)
    }

    static func text(_ word: UInt16) -> String {
        "0x" + pair(UInt8(word >> 8)) + pair(UInt8(word & 0xFF))
    }

    /// "06 01 07", spaced, for people.
    static func spaced(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map(pair).joined(separator: " ")
    }

    /// "060107", packed, for JSON.
    static func packed(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map(pair).joined()
    }

    /// The bytes of packed hex text, or nil if it is not an even number of hex digits.
    static func bytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(of: digits[index]), let low = value(of: digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func pair(_ byte: UInt8) -> String {
        String(decoding: [symbols[Int(byte >> 4)], symbols[Int(byte & 0x0F)]], as: UTF8.self)
    }

    private static let symbols = Array("0123456789ABCDEF".utf8)

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
