/// A keymap entry in the configuration that cannot be used: which line, the entry as written,
/// and what is wrong with it.
public struct KeymapError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        /// The line is not `code = key`.
        case notAnEntry
        /// The left side is neither a known `KEY_…` name nor a key number.
        case unknownCode(String)
        /// The right side is not a stand key.
        case unknownKey(String)
        /// The same device key is mapped twice.
        case duplicateCode(String)
    }

    public let line: Int
    public let entry: String
    public let problem: Problem

    public init(line: Int, entry: String, problem: Problem) {
        self.line = line
        self.entry = entry
        self.problem = problem
    }

    public var description: String {
        let what = switch problem {
        case .notAnEntry:
            "is not an entry; write it as \"KEY_KPPLUS\" = \"subtotal\" or 78 = subtotal"
        case .unknownCode(let code):
            "names the device key \"\(code)\", which is neither a KEY_… name from linux/input-event-codes.h nor a number below 768"
        case .unknownKey(let key):
            "maps to \"\(key)\", which is not a stand key; use 0-9, ., P1…, quantity, void, clear, backspace, subtotal, cash, card, enter, menu, up or down"
        case .duplicateCode(let code):
            "maps \"\(code)\" a second time; keep one entry for it"
        }
        return "Keymap line \(line) (\(entry)) \(what)."
    }
}
