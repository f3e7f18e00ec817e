import Foundation

/// Typed access to one parsed section, turning every wrong value into a ``ConfigError`` with
/// the line, the key, the value as written and an example of a right one.
struct ConfigReader {
    let file: String
    let section: ConfigSection

    func entry(_ key: String) -> ConfigEntry? {
        section.entries.first { $0.key == key }
    }

    /// Refuses keys outside `known`, in file order.
    func checkKeys(_ known: [String]) throws(ConfigError) {
        for entry in section.entries where !known.contains(entry.key) {
            throw .unknownKey(file: file, line: entry.line, section: section.name, key: entry.key, known: known)
        }
    }

    func missing(_ key: String, _ why: String) -> ConfigError {
        .missingKey(file: file, section: section.name, key: key, why: why)
    }

    func invalid(_ entry: ConfigEntry, _ expected: String, example: String) -> ConfigError {
        .invalidValue(file: file, line: entry.line, key: entry.key, value: entry.value.written, expected: expected, example: example)
    }

    /// Throws the `expected` error for `key`'s line unless `isValid`.
    func require(_ isValid: Bool, _ key: String, _ expected: String, example: String) throws(ConfigError) {
        guard !isValid, let entry = entry(key) else { return }
        throw invalid(entry, expected, example: "\(key) = \(example)")
    }

    func string(_ key: String, example: String) throws(ConfigError) -> String? {
        guard let entry = entry(key) else { return nil }
        guard case .string(let text) = entry.value else {
            throw invalid(entry, "is not a quoted string", example: "\(key) = \(example)")
        }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw invalid(entry, "is empty", example: "\(key) = \(example)")
        }
        return text
    }

    func requiredString(_ key: String, example: String, why: String) throws(ConfigError) -> String {
        guard let text = try string(key, example: example) else { throw missing(key, why) }
        return text
    }

    func integer(_ key: String, in range: ClosedRange<Int>, example: String) throws(ConfigError) -> Int? {
        guard let entry = entry(key) else { return nil }
        guard case .integer(let number) = entry.value else {
            throw invalid(entry, "is not a number", example: "\(key) = \(example)")
        }
        guard range.contains(number) else {
            throw invalid(entry, "is outside \(range.lowerBound)...\(range.upperBound)", example: "\(key) = \(example)")
        }
        return number
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let entry = entry(key) else { return nil }
        guard case .bool(let flag) = entry.value else {
            throw invalid(entry, "is not true or false", example: "\(key) = true")
        }
        return flag
    }

    func strings(_ key: String, example: String) throws(ConfigError) -> [String]? {
        guard let entry = entry(key) else { return nil }
        guard case .array(let items) = entry.value else {
            throw invalid(entry, "is not a list of quoted strings", example: "\(key) = \(example)")
        }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                throw invalid(entry, "is not a list of quoted strings", example: "\(key) = \(example)")
            }
            texts.append(text)
        }
        return texts
    }

    /// One of `choices`, written as a quoted string.
    func choice<T>(_ key: String, _ choices: [(String, T)]) throws(ConfigError) -> T? {
        guard let entry = entry(key) else { return nil }
        let names = choices.map { "\"\($0.0)\"" }.joined(separator: ", ")
        guard case .string(let text) = entry.value, let match = choices.first(where: { $0.0 == text }) else {
            throw invalid(entry, "is not one of \(names)", example: "\(key) = \"\(choices[0].0)\"")
        }
        return match.1
    }
}
