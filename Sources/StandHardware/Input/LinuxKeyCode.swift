/// The Linux key codes a stand keypad uses, by their names in `linux/input-event-codes.h`, so a
/// keymap in the configuration can say `KEY_KPPLUS` instead of 78.
public enum LinuxKeyCode {
    /// Name → code for the keys of numeric keypads and the keyboard keys next to them.
    public static let byName: [String: UInt16] = {
        var names: [String: UInt16] = [
            "KEY_ESC": 1, "KEY_MINUS": 12, "KEY_EQUAL": 13, "KEY_BACKSPACE": 14, "KEY_TAB": 15,
            "KEY_ENTER": 28, "KEY_SPACE": 57, "KEY_KPASTERISK": 55, "KEY_NUMLOCK": 69,
            "KEY_KP7": 71, "KEY_KP8": 72, "KEY_KP9": 73, "KEY_KPMINUS": 74,
            "KEY_KP4": 75, "KEY_KP5": 76, "KEY_KP6": 77, "KEY_KPPLUS": 78,
            "KEY_KP1": 79, "KEY_KP2": 80, "KEY_KP3": 81, "KEY_KP0": 82, "KEY_KPDOT": 83,
            "KEY_F11": 87, "KEY_F12": 88, "KEY_KPENTER": 96, "KEY_KPSLASH": 98,
            "KEY_UP": 103, "KEY_PAGEUP": 104, "KEY_DOWN": 108, "KEY_PAGEDOWN": 109, "KEY_DELETE": 111,
            "KEY_KPEQUAL": 117, "KEY_KPCOMMA": 121,
        ]
        for digit in 1...9 { names["KEY_\(digit)"] = UInt16(digit + 1) }
        names["KEY_0"] = 11
        for function in 1...10 { names["KEY_F\(function)"] = UInt16(58 + function) }
        return names
    }()

    /// The name of `code`, or nil when it is not one of `byName`.
    public static func name(of code: UInt16) -> String? {
        byName.first { $0.value == code }?.key
    }
}
