/// Reads the codes a "keyboard wedge" barcode scanner types: it presents itself as a USB keyboard
/// (US layout) and types each code as key presses ended by Enter. Shift is followed across
/// presses and releases; keys without a character are ignored.
public struct KeyboardWedgeDecoder: Hashable, Sendable {
    /// Codes longer than this are dropped rather than grown without end (a stuck scanner).
    public static let maximumLength = 4_096

    private var typed = ""
    private var shiftsDown: Set<UInt16> = []
    private let terminators: Set<UInt16>

    /// `terminators`: the keys that end a code, Enter and keypad Enter unless configured (some
    /// scanners end with Tab, KEY_TAB = 15).
    public init(terminators: Set<UInt16> = [28, 96]) {
        self.terminators = terminators
    }

    /// Feeds one record; returns the whole code when its terminator is pressed.
    public mutating func decode(_ event: InputEvent) -> String? {
        guard let action = event.keyAction, action != .autorepeat else { return nil }
        if Self.shiftKeys.contains(event.code) {
            if action == .press { shiftsDown.insert(event.code) } else { shiftsDown.remove(event.code) }
            return nil
        }
        guard action == .press else { return nil }
        if terminators.contains(event.code) {
            defer { typed = "" }
            return typed.isEmpty ? nil : typed
        }
        guard let pair = Self.usLayout[event.code] else { return nil }
        if typed.count >= Self.maximumLength { typed = "" }
        typed.append(shiftsDown.isEmpty ? pair.plain : pair.shifted)
        return nil
    }

    private static let shiftKeys: Set<UInt16> = [42, 54]

    /// Linux key code → (unshifted, shifted) character on a US keyboard.
    private static let usLayout: [UInt16: (plain: Character, shifted: Character)] = {
        var layout: [UInt16: (plain: Character, shifted: Character)] = [:]
        func row(_ first: UInt16, _ plain: String, _ shifted: String) {
            for (offset, pair) in zip(plain, shifted).enumerated() { layout[first + UInt16(offset)] = pair }
        }
        row(2, "1234567890-=", "!@#$%^&*()_+")
        row(16, "qwertyuiop[]", "QWERTYUIOP{}")
        row(30, "asdfghjkl;'`", "ASDFGHJKL:\"~")
        row(43, "\\zxcvbnm,./", "|ZXCVBNM<>?")
        layout[57] = (" ", " ")
        for (code, character) in [(82, "0"), (79, "1"), (80, "2"), (81, "3"), (75, "4"), (76, "5"), (77, "6"),
                                  (71, "7"), (72, "8"), (73, "9"), (83, "."), (74, "-"), (78, "+"), (55, "*"), (98, "/")] {
            layout[UInt16(code)] = (Character(character), Character(character))
        }
        return layout
    }()
}
