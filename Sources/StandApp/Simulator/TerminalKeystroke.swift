/// One key of the computer keyboard as the terminal sends it, decoded from raw-mode bytes.
public enum TerminalKeystroke: Hashable, Sendable {
    case character(Character)
    case enter
    case backspace
    case tab
    case escape
    case up, down, left, right
    /// F1 … F12.
    case function(Int)
    /// Ctrl-C.
    case interrupt
    /// Ctrl-D on an empty line.
    case endOfInput

    /// Decodes a chunk read from a raw-mode terminal. An ESC at the end of the chunk, or one
    /// not starting a known sequence, is the Esc key itself; unknown sequences are dropped.
    public static func decode(_ bytes: [UInt8]) -> [TerminalKeystroke] {
        var keys: [TerminalKeystroke] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x1B:
                let (key, length) = escapeSequence(bytes, at: index)
                if let key { keys.append(key) }
                index += length
                continue
            case 0x0D, 0x0A: keys.append(.enter)
            case 0x7F, 0x08: keys.append(.backspace)
            case 0x09: keys.append(.tab)
            case 0x03: keys.append(.interrupt)
            case 0x04: keys.append(.endOfInput)
            case 0x20...0x7E: keys.append(.character(Character(Unicode.Scalar(byte))))
            default:
                if byte >= 0xC0, let (character, length) = utf8Character(bytes, at: index) {
                    keys.append(.character(character))
                    index += length
                    continue
                }
            }
            index += 1
        }
        return keys
    }

    /// The key an escape sequence at `index` stands for, and its length in bytes.
    private static func escapeSequence(_ bytes: [UInt8], at index: Int) -> (TerminalKeystroke?, Int) {
        guard index + 1 < bytes.count else { return (.escape, 1) }
        let introducer = bytes[index + 1]
        if introducer == UInt8(ascii: "O"), index + 2 < bytes.count {
            // SS3: F1–F4 (xterm), arrows in application mode.
            let map: [UInt8: TerminalKeystroke] = [UInt8(ascii: "P"): .function(1), UInt8(ascii: "Q"): .function(2),
                                                   UInt8(ascii: "R"): .function(3), UInt8(ascii: "S"): .function(4),
                                                   UInt8(ascii: "A"): .up, UInt8(ascii: "B"): .down,
                                                   UInt8(ascii: "C"): .right, UInt8(ascii: "D"): .left]
            return (map[bytes[index + 2]], 3)
        }
        guard introducer == UInt8(ascii: "[") else { return (.escape, 1) }
        var end = index + 2
        // The Linux console sends F1–F5 as ESC [ [ A … E.
        if end < bytes.count, bytes[end] == UInt8(ascii: "["), end + 1 < bytes.count {
            let letter = bytes[end + 1]
            let number = Int(letter) - Int(UInt8(ascii: "A")) + 1
            return ((1...5).contains(number) ? .function(number) : nil, 4)
        }
        while end < bytes.count, (0x30...0x3F).contains(bytes[end]) { end += 1 }
        guard end < bytes.count else { return (nil, end - index) }
        let final = bytes[end]
        let parameters = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
        let length = end - index + 1
        switch final {
        case UInt8(ascii: "A"): return (.up, length)
        case UInt8(ascii: "B"): return (.down, length)
        case UInt8(ascii: "C"): return (.right, length)
        case UInt8(ascii: "D"): return (.left, length)
        case UInt8(ascii: "~"):
            let codes = [11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 17: 6, 18: 7, 19: 8, 20: 9, 21: 10, 23: 11, 24: 12]
            let first = parameters.split(separator: ";").first.flatMap { Int($0) }
            if first == 3 { return (.backspace, length) }  // Delete
            return (first.flatMap { codes[$0] }.map(TerminalKeystroke.function), length)
        default:
            return (nil, length)
        }
    }

    private static func utf8Character(_ bytes: [UInt8], at index: Int) -> (Character, Int)? {
        let length = bytes[index] >= 0xF0 ? 4 : bytes[index] >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return nil }
        let text = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
        guard let character = text.first, text.count == 1 else { return nil }
        return (character, length)
    }
}
