/// Breaks text into lines of at most `width` characters: at spaces where it can, inside a word
/// only when the word alone is longer than a line.
struct TextWrapper {
    let width: Int

    func wrap(_ text: String) -> [String] {
        precondition(width > 0, "wrapping to \(width) columns")
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if !current.isEmpty, current.count + 1 + word.count <= width {
                current += " " + word
                continue
            }
            if !current.isEmpty {
                lines.append(current)
                current = ""
            }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            current = String(word)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Wrapped to `width − indent`, each line after the first indented by `indent` spaces, the
    /// first by `firstIndent`.
    func wrap(_ text: String, firstIndent: String, indent: Int) -> [String] {
        let inner = TextWrapper(width: max(1, width - max(firstIndent.count, indent)))
        return inner.wrap(text).enumerated().map { index, line in
            (index == 0 ? firstIndent : String(repeating: " ", count: indent)) + line
        }
    }
}
