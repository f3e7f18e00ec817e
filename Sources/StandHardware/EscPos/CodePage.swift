import Foundation

/// A printer character code table, selected with `ESC t n`. Bytes 0x20–0x7E are ASCII on every
/// page; the upper half (0x80–0xFF) differs, and each page holds its own 128 characters.
///
/// Text is encoded one byte per character. A character the page cannot hold is transliterated
/// (é → e, ł → l, € → EUR, “ → ", ß → ss) rather than dropped; `?` is printed only when nothing
/// readable fits. The cases are declared in order of preference: `best(for:)` breaks ties by it.
public enum CodePage: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// PC437, USA / standard Europe: the default of most printers. No €.
    case cp437
    /// PC858: PC850 (Western European) with € at 0xD5.
    case cp858
    /// WPC1252, Windows Latin 1: € at 0x80, typographic quotes and dashes.
    case wpc1252
    /// PC852, Latin 2: Polish, Czech, Slovak, Hungarian, Croatian, Slovenian. No €.
    case cp852

    /// The `n` of `ESC t n` in the Epson ESC/POS numbering.
    public var escPosNumber: UInt8 {
        switch self {
        case .cp437: 0
        case .cp858: 19
        case .wpc1252: 16
        case .cp852: 18
        }
    }

    public var description: String {
        switch self {
        case .cp437: "CP437"
        case .cp858: "CP858"
        case .wpc1252: "WPC1252"
        case .cp852: "CP852"
        }
    }

    /// The page that `ESC t n` selects, or nil for a table StandKit does not map.
    public init?(escPosNumber: UInt8) {
        guard let page = CodePage.allCases.first(where: { $0.escPosNumber == escPosNumber }) else { return nil }
        self = page
    }

    /// The character at `byte` on this page: ASCII below 0x80, the page's table above, nil for
    /// control bytes and bytes the page leaves undefined.
    public func scalar(for byte: UInt8) -> Unicode.Scalar? {
        if byte >= 0x20 && byte < 0x7F { return Unicode.Scalar(byte) }
        guard byte >= 0x80 else { return nil }
        return table.upper[Int(byte - 0x80)]
    }

    /// The byte that holds exactly this character on this page, or nil (no transliteration).
    public func byte(for scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return UInt8(scalar.value) }
        return table.bytes[scalar]
    }

    /// Whether the page holds this character exactly (composed form).
    public func canEncode(_ character: Character) -> Bool {
        exactByte(for: character) != nil
    }

    /// Every character of the upper half this page defines, with its byte.
    public var mappedCharacters: [(byte: UInt8, scalar: Unicode.Scalar)] {
        table.upper.enumerated().compactMap { index, scalar in scalar.map { (UInt8(0x80 + index), $0) } }
    }

    /// The text as this page prints it: every character the page holds kept, every other one
    /// transliterated. Each character of the result is one byte on this page, so its count is
    /// the number of printed columns.
    public func transliterate(_ text: String) -> String {
        decode(encode(text))
    }

    /// The bytes that print `text` on this page, one per printed character, transliterating what
    /// the page cannot hold. Tabs and line breaks become spaces, other control characters `?`:
    /// text never carries a command byte.
    public func encode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for character in text {
            bytes.append(contentsOf: encode(character))
        }
        return bytes
    }

    /// Decodes bytes printed on this page; control and undefined bytes become U+FFFD.
    public func decode(_ bytes: [UInt8]) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes {
            text.append(scalar(for: byte) ?? "\u{FFFD}")
        }
        return String(text)
    }

    /// The page that prints `text` best: the one with the fewest characters to transliterate,
    /// where a lost letter (ł → l) counts double a replaced sign (€ → EUR). Ties go to the
    /// earlier case: CP437, CP858, WPC1252, CP852.
    public static func best(for text: String) -> CodePage {
        var best = CodePage.cp437
        var bestScore = Int.max
        let characters = Set(text.filter { !($0.isASCII) })
        for page in CodePage.allCases {
            var score = 0
            for character in characters where !page.canEncode(character) && !character.isWhitespace {
                score += character.isLetter ? 2 : 1
            }
            if score < bestScore {
                best = page
                bestScore = score
            }
        }
        return best
    }

    // MARK: - Encoding one character

    private func encode(_ character: Character) -> [UInt8] {
        if let byte = exactByte(for: character) { return [byte] }
        if character.isWhitespace { return [0x20] }
        if character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) { return [0x3F] }
        for candidate in Transliteration.candidates(for: character) {
            if let bytes = exactBytes(for: candidate) { return bytes }
        }
        return [0x3F]
    }

    /// The bytes of `text` when every character is on this page, or nil.
    private func exactBytes(for text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for character in text {
            guard let byte = exactByte(for: character) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    private func exactByte(for character: Character) -> UInt8? {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            return byte(for: scalar)
        }
        let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
        guard composed.count == 1, let scalar = composed.first else { return nil }
        return byte(for: scalar)
    }

    // MARK: - Tables

    struct Table: Sendable {
        /// 128 entries, 0x80 first.
        let upper: [Unicode.Scalar?]
        let bytes: [Unicode.Scalar: UInt8]

        init(rows: [String]) {
            let scalars = rows.flatMap { Array($0.unicodeScalars) }
            precondition(scalars.count == 128, "a code page table row set has \(scalars.count) characters, not 128")
            upper = scalars.map { $0.value == 0 ? nil : $0 }
            var bytes: [Unicode.Scalar: UInt8] = [:]
            for (index, scalar) in upper.enumerated() {
                if let scalar, bytes[scalar] == nil { bytes[scalar] = UInt8(0x80 + index) }
            }
            self.bytes = bytes
        }
    }

    private static let cp437Table = Table(rows: cp437Upper)
    private static let cp858Table = Table(rows: cp858Upper)
    private static let wpc1252Table = Table(rows: wpc1252Upper)
    private static let cp852Table = Table(rows: cp852Upper)

    private var table: Table {
        switch self {
        case .cp437: CodePage.cp437Table
        case .cp858: CodePage.cp858Table
        case .wpc1252: CodePage.wpc1252Table
        case .cp852: CodePage.cp852Table
        }
    }
}
