/// Turns Linux key codes into the stand's `Key`s. Only presses count: releases, autorepeat and
/// every non-key record are ignored, so holding a key never types it twice.
///
/// The default map (`usbNumericKeypad`) is for a plain 17- to 22-key USB numeric keypad:
///
/// | Keypad key            | Stand key                         |
/// |-----------------------|-----------------------------------|
/// | 0–9, `.`              | digits, decimal point             |
/// | `*`                   | quantity (× the next product)     |
/// | `/`                   | menu                              |
/// | `-`                   | void line                         |
/// | `+`                   | subtotal                          |
/// | Num Lock, Esc         | clear                             |
/// | Enter (both)          | enter                             |
/// | Backspace             | backspace                         |
/// | F1–F8                 | product hotkeys P1–P8             |
/// | F9, F10               | cash, card                        |
/// | ↑, ↓                  | up, down                          |
/// | main-row 1–0          | digits                            |
public struct Keymap: Hashable, Sendable, Codable {
    /// Linux key code → stand key.
    public private(set) var keys: [UInt16: Key]

    public init(_ keys: [UInt16: Key] = [:]) {
        self.keys = keys
    }

    /// The stand key for a Linux key code, if mapped.
    public subscript(code: UInt16) -> Key? {
        get { keys[code] }
        set { keys[code] = newValue }
    }

    /// The key press an evdev record means, or nil (release, autorepeat, sync, unmapped key).
    public func keyEvent(for event: InputEvent) -> KeyEvent? {
        guard event.keyAction == .press, let key = keys[event.code] else { return nil }
        return KeyEvent(key, timestampMilliseconds: event.timestampMilliseconds)
    }

    /// This map with `other`'s entries added, replacing the ones for the same codes.
    public func merging(_ other: Keymap) -> Keymap {
        Keymap(keys.merging(other.keys) { _, new in new })
    }

    /// The map for a USB numeric keypad; see the table above.
    public static let usbNumericKeypad: Keymap = {
        var keys: [UInt16: Key] = [
            82: .digit(0), 79: .digit(1), 80: .digit(2), 81: .digit(3), 75: .digit(4),
            76: .digit(5), 77: .digit(6), 71: .digit(7), 72: .digit(8), 73: .digit(9),
            83: .decimalPoint, 121: .decimalPoint,
            55: .quantity, 98: .menu, 74: .voidLine, 78: .subtotal,
            69: .clear, 1: .clear, 96: .enter, 28: .enter, 14: .backspace,
            67: .cash, 68: .card, 103: .up, 108: .down,
        ]
        for product in 1...8 { keys[UInt16(58 + product)] = .product(product) }
        for digit in 1...9 { keys[UInt16(digit + 1)] = .digit(digit) }
        keys[11] = .digit(0)
        return Keymap(keys)
    }()

    /// Reads a keymap from configuration text, one entry a line: `"KEY_KPPLUS" = "subtotal"`,
    /// `KEY_F1 = P1` or `78 = subtotal`. Quotes are optional, `#` starts a comment. Stand keys
    /// are named as in `Keymap.name(of:)`: `0`…`9`, `.`, `P1`…, `quantity`, `void`, `clear`,
    /// `backspace`, `subtotal`, `cash`, `card`, `enter`, `menu`, `up`, `down`.
    public init(parsing text: String) throws(KeymapError) {
        var keys: [UInt16: Key] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { String($0).trimmingSpaces } ?? ""
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw KeymapError(line: lineNumber, entry: line, problem: .notAnEntry)
            }
            let codeText = String(parts[0]).trimmingSpaces.unquoted
            let keyText = String(parts[1]).trimmingSpaces.unquoted
            guard let code = Self.code(named: codeText) else {
                throw KeymapError(line: lineNumber, entry: line, problem: .unknownCode(codeText))
            }
            guard let key = Self.key(named: keyText) else {
                throw KeymapError(line: lineNumber, entry: line, problem: .unknownKey(keyText))
            }
            if keys[code] != nil {
                throw KeymapError(line: lineNumber, entry: line, problem: .duplicateCode(codeText))
            }
            keys[code] = key
        }
        self.keys = keys
    }

    /// A Linux key code from `KEY_…` or a decimal number (0–767).
    public static func code(named name: String) -> UInt16? {
        if let code = LinuxKeyCode.byName[name.uppercased()] { return code }
        guard let number = UInt16(name), number < 0x300 else { return nil }
        return number
    }

    /// A stand key from its configuration name; case does not matter.
    public static func key(named name: String) -> Key? {
        let lowered = name.lowercased()
        if lowered.count == 1, let digit = lowered.first?.wholeNumberValue { return .digit(digit) }
        if lowered.hasPrefix("p"), let product = Int(lowered.dropFirst()), product > 0 { return .product(product) }
        return namedKeys[lowered]
    }

    /// The configuration name of a stand key (the inverse of `key(named:)`).
    public static func name(of key: Key) -> String {
        switch key {
        case .digit(let digit): String(digit)
        case .product(let product): "P\(product)"
        default: namedKeys.first { $0.value == key && $0.key.count > 1 }?.key ?? key.description
        }
    }

    private static let namedKeys: [String: Key] = [
        ".": .decimalPoint, "decimal-point": .decimalPoint, "quantity": .quantity, "void": .voidLine,
        "clear": .clear, "backspace": .backspace, "subtotal": .subtotal, "cash": .cash, "card": .card,
        "enter": .enter, "menu": .menu, "up": .up, "down": .down,
    ]
}

extension String {
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    fileprivate var unquoted: String {
        guard count >= 2, first == "\"", last == "\"" else { return self }
        return String(dropFirst().dropLast())
    }
}
