import Foundation

/// Reads the TOML subset of `standd.toml` into sections: `[section]` and `[a.b]` headers,
/// `key = value` with a quoted string ("\"" "\\" "\n" "\t" escapes), an integer, true/false or
/// an array of those (which may span lines), and `#` comments. Dotted keys, tables of tables,
/// floats and dates are not part of the subset.
struct ConfigParser {
    let file: String

    func parse(_ text: String) throws(ConfigError) -> [ConfigSection] {
        var sections: [ConfigSection] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var index = 0
        while index < lines.count {
            let number = index + 1
            var line = try stripComment(lines[index], line: number).trimmingCharacters(in: .whitespaces)
            index += 1
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw .syntax(file: file, line: number, text: line, problem: "a section header ends with ]")
                }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                let valid = !name.isEmpty && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
                    !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
                }
                guard valid else {
                    throw .syntax(file: file, line: number, text: line, problem: "a section name is letters, digits, _ and - joined by dots")
                }
                if let first = sections.first(where: { $0.name == name }) {
                    throw .duplicateSection(file: file, line: number, section: name, firstLine: first.line)
                }
                sections.append(ConfigSection(name: name, line: number, entries: []))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw .syntax(file: file, line: number, text: line, problem: "this line is not key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                throw .syntax(file: file, line: number, text: line, problem: "a key is letters, digits, _ and -")
            }
            guard !sections.isEmpty else {
                throw .syntax(file: file, line: number, text: line, problem: "key = value before any [section]")
            }
            var valueText = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // An array may continue on the following lines until its brackets close.
            while valueText.hasPrefix("["), !bracketsClosed(valueText) {
                guard index < lines.count else {
                    throw .syntax(file: file, line: number, text: line, problem: "the array is not closed with ]")
                }
                valueText += " " + (try stripComment(lines[index], line: index + 1)).trimmingCharacters(in: .whitespaces)
                index += 1
            }
            line = valueText
            guard !line.isEmpty else {
                throw .syntax(file: file, line: number, text: key + " =", problem: "the value is missing")
            }
            var scanner = ValueScanner(text: Array(line), file: file, line: number)
            let value = try scanner.value(allowArray: true)
            try scanner.expectEnd()
            let section = sections.count - 1
            if let first = sections[section].entries.first(where: { $0.key == key }) {
                throw .duplicateKey(file: file, line: number, key: key, firstLine: first.line)
            }
            sections[section].entries.append(ConfigEntry(key: key, value: value, line: number))
        }
        return sections
    }

    /// The line without a `#` comment (a `#` inside a quoted string stays).
    private func stripComment(_ line: String, line number: Int) throws(ConfigError) -> String {
        var inString = false
        var escaped = false
        for (offset, character) in line.enumerated() {
            if escaped { escaped = false; continue }
            if inString, character == "\\" { escaped = true; continue }
            if character == "\"" { inString.toggle() }
            if character == "#", !inString { return String(line.prefix(offset)) }
        }
        return line
    }

    private func bracketsClosed(_ text: String) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for character in text {
            if escaped { escaped = false; continue }
            if inString, character == "\\" { escaped = true; continue }
            if character == "\"" { inString.toggle() }
            if inString { continue }
            if character == "[" { depth += 1 }
            if character == "]" { depth -= 1 }
        }
        return depth <= 0
    }
}

/// Reads one value from the text after `=`.
private struct ValueScanner {
    let text: [Character]
    let file: String
    let line: Int
    var position = 0

    private var rest: String { String(text[position...]) }

    mutating func skipSpaces() {
        while position < text.count, text[position] == " " || text[position] == "\t" { position += 1 }
    }

    mutating func expectEnd() throws(ConfigError) {
        skipSpaces()
        guard position == text.count else {
            throw .syntax(file: file, line: line, text: String(text), problem: "unexpected \(rest) after the value")
        }
    }

    mutating func value(allowArray: Bool) throws(ConfigError) -> ConfigValue {
        skipSpaces()
        guard position < text.count else {
            throw .syntax(file: file, line: line, text: String(text), problem: "a value is missing")
        }
        switch text[position] {
        case "\"":
            return .string(try quoted())
        case "[":
            guard allowArray else {
                throw .syntax(file: file, line: line, text: String(text), problem: "arrays inside arrays are not supported")
            }
            return try array()
        default:
            var token = ""
            while position < text.count, !",] \t".contains(text[position]) {
                token.append(text[position])
                position += 1
            }
            if token == "true" { return .bool(true) }
            if token == "false" { return .bool(false) }
            let digits = token.replacingOccurrences(of: "_", with: "")
            if let number = Int(digits), !digits.isEmpty, !token.hasPrefix("_"), !token.hasSuffix("_") { return .integer(number) }
            if digits.hasPrefix("0x"), digits.count > 2, let number = Int(digits.dropFirst(2), radix: 16) { return .integer(number) }
            return .bare(token)
        }
    }

    private mutating func quoted() throws(ConfigError) -> String {
        position += 1
        var result = ""
        while position < text.count {
            let character = text[position]
            position += 1
            switch character {
            case "\"":
                return result
            case "\\":
                guard position < text.count else { break }
                let escape = text[position]
                position += 1
                switch escape {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "n": result.append("\n")
                case "t": result.append("\t")
                default:
                    throw .syntax(file: file, line: line, text: String(text), problem: "unknown escape \\\(escape) in a string")
                }
            default:
                result.append(character)
            }
        }
        throw .syntax(file: file, line: line, text: String(text), problem: "the string is not closed with \"")
    }

    private mutating func array() throws(ConfigError) -> ConfigValue {
        position += 1
        var items: [ConfigValue] = []
        while true {
            skipSpaces()
            guard position < text.count else {
                throw .syntax(file: file, line: line, text: String(text), problem: "the array is not closed with ]")
            }
            if text[position] == "]" {
                position += 1
                return .array(items)
            }
            items.append(try value(allowArray: false))
            skipSpaces()
            guard position < text.count else { continue }
            if text[position] == "," {
                position += 1
            } else if text[position] != "]" {
                throw .syntax(file: file, line: line, text: String(text), problem: "array items are separated by commas")
            }
        }
    }
}
