/// A Code 128 symbol built from the data of an ESC/POS `GS k 73` command, as a printer draws it.
///
/// The data starts with a code set selector and may switch sets on the way: `{A` (control
/// characters, digits, capitals), `{B` (printable ASCII), `{C` (each byte 0…99 is one pair of
/// digits), `{S` shifts the next character between sets A and B, `{1`…`{4` are FNC1…FNC4 and
/// `{{` is a `{`. The printer adds the start character, the symbol check character
/// (start value plus each value times its position, modulo 103) and the stop pattern.
public struct Code128Symbol: Hashable, Sendable {
    /// The symbol characters' values, start to stop: start (103 A, 104 B, 105 C), data and
    /// set changes, check character, stop (106).
    public let values: [Int]
    /// The text a reader gets back: set C pairs as two digits, FNC characters left out.
    public let text: String

    private enum CodeSet { case a, b, c }

    /// Parses `GS k 73` data; nil when it does not start with a code set selector or holds a
    /// byte its code set cannot encode (a real printer prints nothing then).
    public init?(escPosData data: [UInt8]) {
        guard data.count >= 2, data[0] == Self.brace, let start = Self.set(data[1]) else { return nil }
        var set = start
        var values = [start == .a ? 103 : start == .b ? 104 : 105]
        var text: [UInt8] = []
        var shifted = false
        var index = 2
        while index < data.count {
            let byte = data[index]
            index += 1
            let active = shifted ? (set == .a ? CodeSet.b : .a) : set
            shifted = false
            if byte == Self.brace {
                guard index < data.count else { return nil }
                let command = data[index]
                index += 1
                switch command {
                case UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "C"):
                    let next = Self.set(command)!
                    if next != set { values.append(next == .a ? 101 : next == .b ? 100 : 99) }
                    set = next
                case UInt8(ascii: "S"):
                    guard set != .c else { return nil }
                    values.append(98)
                    shifted = true
                case UInt8(ascii: "1"):
                    values.append(102)
                case UInt8(ascii: "2"), UInt8(ascii: "3"):
                    guard active != .c else { return nil }
                    values.append(command == UInt8(ascii: "2") ? 97 : 96)
                case UInt8(ascii: "4"):
                    guard active != .c else { return nil }
                    values.append(active == .a ? 101 : 100)
                case Self.brace:
                    guard active == .b else { return nil }
                    values.append(Int(Self.brace) - 32)
                    text.append(Self.brace)
                default:
                    return nil
                }
                continue
            }
            switch active {
            case .a:
                guard byte <= 0x5F else { return nil }
                values.append(byte < 0x20 ? Int(byte) + 64 : Int(byte) - 32)
                text.append(byte)
            case .b:
                guard (0x20...0x7F).contains(byte) else { return nil }
                values.append(Int(byte) - 32)
                text.append(byte)
            case .c:
                guard byte <= 99 else { return nil }
                values.append(Int(byte))
                text += [0x30 + byte / 10, 0x30 + byte % 10]
            }
        }
        guard values.count > 1 else { return nil }
        let check = values.enumerated().reduce(0) { $0 + max(1, $1.offset) * $1.element } % 103
        self.values = values + [check, 106]
        self.text = String(decoding: text, as: UTF8.self)
    }

    /// The bars, one flag a module (true is a bar), without quiet zones.
    public var modules: [Bool] {
        values.flatMap { value in
            Self.widths[value].enumerated().flatMap { element, width in
                [Bool](repeating: element % 2 == 0, count: Int(width.asciiValue! - 0x30))
            }
        }
    }

    private static let brace = UInt8(ascii: "{")

    private static func set(_ letter: UInt8) -> CodeSet? {
        switch letter {
        case UInt8(ascii: "A"): .a
        case UInt8(ascii: "B"): .b
        case UInt8(ascii: "C"): .c
        default: nil
        }
    }

    /// Bar, space, bar, space, bar, space widths in modules for values 0…105; 106 is the stop
    /// pattern with its closing bar (ISO/IEC 15417 table 1).
    static let widths: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]
}
