/// Text in ZVT messages (print lines, BMP 3C, card names), one byte a character. Terminals use
/// ISO-8859-1 or CP437, and neither says which: bytes 0x20–0x7E are ASCII in both; 0xA0–0xFF are
/// read as ISO-8859-1 (ä = 0xE4); 0x80–0x9F, control codes in ISO-8859-1, are read as CP437,
/// where such terminals put ü, é, ä, Ä, Ö, Ü. Control bytes are dropped. Every byte sequence
/// reads as some text: nothing here can fail.
enum ZVTText {
    static func decode(_ bytes: some Sequence<UInt8>) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes {
            switch byte {
            case 0x20...0x7E, 0xA0...0xFF:
                text.append(Unicode.Scalar(byte))
            case 0x80...0x9F:
                if let scalar = CodePage.cp437.scalar(for: byte) { text.append(scalar) }
            default:
                continue
            }
        }
        return String(text)
    }

    /// The text without trailing spaces and NULs (fixed-width fields are padded with them).
    static func decodeTrimmed(_ bytes: [UInt8]) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x00 { end -= 1 }
        return decode(bytes[..<end])
    }

    /// The bytes `decode` reads back as `text`; a character neither set holds becomes `?`.
    static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x20...0x7E, 0xA0...0xFF:
                return UInt8(scalar.value)
            default:
                if let byte = CodePage.cp437.byte(for: scalar), (0x80...0x9F).contains(byte) { return byte }
                return UInt8(ascii: "?")
            }
        }
    }
}
