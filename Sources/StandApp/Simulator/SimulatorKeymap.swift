import HardwareMocks
import StandHardware

/// The computer keyboard as the stand's keypad, and the fault keys. `help` is what the screen
/// prints, so the map and its documentation cannot drift apart.
public enum SimulatorKeymap {
    /// The command for a keystroke, or nil for a key that does nothing.
    public static func command(for keystroke: TerminalKeystroke) -> SimulatorCommand? {
        switch keystroke {
        case .character(let character):
            if let digit = character.wholeNumberValue, character.isASCII { return .key(.digit(digit)) }
            if let product = productLetters.firstIndex(of: character) { return .key(.product(product + 1)) }
            return characterCommands[character]
        case .function(let number) where (1...8).contains(number): return .key(.product(number))
        case .function: return nil
        case .enter: return .key(.enter)
        case .backspace: return .key(.backspace)
        case .escape: return .key(.clear)
        case .up, .left: return .key(.up)
        case .down, .right: return .key(.down)
        case .tab: return .key(.subtotal)
        case .interrupt, .endOfInput: return .quit
        }
    }

    /// Shift+A … Shift+H: products 1–8 (as F1–F8).
    static let productLetters: [Character] = ["A", "B", "C", "D", "E", "F", "G", "H"]

    static let characterCommands: [Character: SimulatorCommand] = [
        ".": .key(.decimalPoint), ",": .key(.decimalPoint),
        "*": .key(.quantity), "x": .key(.quantity),
        "c": .key(.cash), "k": .key(.card), "s": .key(.subtotal), "v": .key(.voidLine), "m": .key(.menu),
        "p": .fault(.togglePaper), "o": .fault(.toggleCover), "u": .fault(.togglePrinterCable),
        "t": .fault(.toggleCardTerminalCable),
        "y": .fault(.nextCard(.approve())), "n": .fault(.nextCard(.decline(code: 0x05))),
        "w": .fault(.nextCard(.timeout)), "z": .fault(.nextCard(.customerAbort)), "l": .fault(.nextCard(.powerLossAfterApproval)),
        "j": .fault(.toggleDrawerJam), "d": .fault(.shutDrawer),
        "/": .startScan, "q": .quit,
    ]

    /// The key help the screen shows.
    public static let help = [
        "KEYPAD  0-9 .  * or x = quantity  F1-F8 or A-H = products 1-8  Enter  Backspace  Esc = clear",
        "        s/Tab subtotal  c cash  k card  v void line  m menu  arrows up/down",
        "FAULTS  p paper out/in  o cover  u unplug/replug printer  t unplug/replug card terminal",
        "        next card: y approved  n declined  w timeout  z customer cancel  l power cut after approval",
        "        j drawer jam  d shut drawer",
        "        / scan a code   q or Ctrl-C quit",
    ]
}
