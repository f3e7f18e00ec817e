/// A configuration file that cannot be used, with the line and what to write instead:
/// `standd.toml line 12: baud = "96OO" is not a number; write e.g. baud = 9600`.
public enum ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, detail: String)
    /// A line that is neither `[section]`, `key = value`, a comment nor blank.
    case syntax(file: String, line: Int, text: String, problem: String)
    /// A value of the wrong kind or out of range; `expected` says what to write, `example` how.
    case invalidValue(file: String, line: Int, key: String, value: String, expected: String, example: String)
    case unknownSection(file: String, line: Int, section: String, known: [String])
    case unknownKey(file: String, line: Int, section: String, key: String, known: [String])
    case duplicateSection(file: String, line: Int, section: String, firstLine: Int)
    case duplicateKey(file: String, line: Int, key: String, firstLine: Int)
    /// A key the section (or the chosen driver) needs is missing.
    case missingKey(file: String, section: String, key: String, why: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let detail):
            "\(file): cannot read the configuration (\(detail)). Check the path and the file's permissions."
        case .syntax(let file, let line, let text, let problem):
            "\(file) line \(line): \(problem): \(text). Write key = value, [section] or a # comment."
        case .invalidValue(let file, let line, let key, let value, let expected, let example):
            "\(file) line \(line): \(key) = \(value) \(expected); write e.g. \(example)"
        case .unknownSection(let file, let line, let section, let known):
            "\(file) line \(line): unknown section [\(section)]; the known sections are \(known.map { "[\($0)]" }.joined(separator: ", "))"
        case .unknownKey(let file, let line, let section, let key, let known):
            "\(file) line \(line): unknown key \(key) in [\(section)]; the known keys are \(known.joined(separator: ", "))"
        case .duplicateSection(let file, let line, let section, let firstLine):
            "\(file) line \(line): section [\(section)] appears again (first on line \(firstLine)); keep one"
        case .duplicateKey(let file, let line, let key, let firstLine):
            "\(file) line \(line): \(key) is set again (first on line \(firstLine)); keep one"
        case .missingKey(let file, let section, let key, let why):
            "\(file): [\(section)] needs \(key) (\(why))"
        }
    }
}
