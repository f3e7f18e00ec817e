import Foundation

/// Readable stand-ins for characters a code page cannot hold, tried in order until one fits.
enum Transliteration {
    /// The stand-ins for `character`, best first: the explicit table, then the letter without
    /// its accents (é → e), then the compatibility form (ﬁ → fi, ² → 2).
    static func candidates(for character: Character) -> [String] {
        var result = explicit[character] ?? []
        let text = String(character)
        let stripped = withoutMarks(text.decomposedStringWithCanonicalMapping)
        if !stripped.isEmpty, stripped != text { result.append(stripped) }
        let compatible = withoutMarks(text.decomposedStringWithCompatibilityMapping)
        if !compatible.isEmpty, compatible != text, compatible != stripped { result.append(compatible) }
        return result
    }

    private static func withoutMarks(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar.properties.canonicalCombiningClass == .notReordered
            && !(0x0300...0x036F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Letters without a decomposition, German umlauts spelled out, signs and punctuation.
    private static let explicit: [Character: [String]] = [
        "ä": ["ae"], "ö": ["oe"], "ü": ["ue"], "Ä": ["Ae"], "Ö": ["Oe"], "Ü": ["Ue"],
        "ß": ["ss"], "ẞ": ["SS"],
        "ł": ["l"], "Ł": ["L"], "đ": ["d"], "Đ": ["D"], "ð": ["d"], "Ð": ["D"],
        "ø": ["o"], "Ø": ["O"], "æ": ["ae"], "Æ": ["AE"], "œ": ["oe"], "Œ": ["OE"],
        "þ": ["th"], "Þ": ["Th"], "ı": ["i"], "ħ": ["h"], "Ħ": ["H"],
        "€": ["EUR"], "£": ["GBP"], "¥": ["JPY"], "¢": ["c"], "₧": ["Pts"], "ƒ": ["f"],
        "‘": ["'"], "’": ["'"], "‚": [","], "‛": ["'"], "′": ["'"], "´": ["'"], "`": ["'"],
        "“": ["\""], "”": ["\""], "„": ["\""], "‟": ["\""], "″": ["\""],
        "«": ["<<"], "»": [">>"], "‹": ["<"], "›": [">"],
        "–": ["-"], "—": ["-"], "‒": ["-"], "―": ["-"], "−": ["-"], "‐": ["-"], "‑": ["-"], "\u{AD}": ["-"],
        "…": ["..."], "•": ["·", "*"], "·": ["."], "×": ["x"], "÷": [":"], "→": ["->"], "←": ["<-"],
        "©": ["(C)"], "®": ["(R)"], "™": ["TM"], "°": ["o"], "‰": ["o/oo"], "§": ["S"],
        "½": ["1/2"], "¼": ["1/4"], "¾": ["3/4"], "¡": ["!"], "¿": ["?"], "¬": ["-"], "¦": ["|"],
        "ˇ": ["'"], "˘": ["'"], "˝": ["\""], "˛": [","], "˙": ["'"], "¨": ["\""], "¸": [","], "¯": ["-"],
    ]
}
