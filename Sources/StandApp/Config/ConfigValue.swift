import Foundation

/// A value of the configuration's TOML subset.
enum ConfigValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([ConfigValue])
    /// An unquoted token that is neither a number nor true/false (`baud = 96OO`, `name = Demo`);
    /// the reader says what was expected instead.
    case bare(String)

    /// The value as written in the file, for error messages.
    var written: String {
        switch self {
        case .string(let text):
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .integer(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .array(let items): "[" + items.map(\.written).joined(separator: ", ") + "]"
        case .bare(let token): token
        }
    }
}

/// One `key = value` line.
struct ConfigEntry: Hashable, Sendable {
    let key: String
    let value: ConfigValue
    let line: Int
}

/// One `[section]` with its entries in file order.
struct ConfigSection: Hashable, Sendable {
    let name: String
    let line: Int
    var entries: [ConfigEntry]
}
