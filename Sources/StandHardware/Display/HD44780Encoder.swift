/// The byte stream that drives an HD44780 character LCD through a PCF8574 I²C backpack, in the
/// common wiring: P0 = RS, P1 = R/W, P2 = E, P3 = backlight, P4–P7 = D4–D7. Every byte written
/// is one state of the expander's pins; a 4-bit transfer is the nibble with E high, then low.
/// Pure: the driver sends `Write`s in order and waits each one's pause.
public struct HD44780Encoder: Hashable, Sendable {
    /// Bytes for one I²C write and how long the controller needs afterwards.
    public struct Write: Hashable, Sendable {
        public let bytes: [UInt8]
        public let pauseMicroseconds: Int

        public init(_ bytes: [UInt8], pauseMicroseconds: Int) {
            self.bytes = bytes
            self.pauseMicroseconds = pauseMicroseconds
        }
    }

    public static let registerSelect: UInt8 = 0x01
    public static let enable: UInt8 = 0x04
    public static let backlightBit: UInt8 = 0x08
    /// DDRAM address of each row's first cell on 20×4 (and 16×4 / 20×2) modules.
    public static let rowAddresses: [UInt8] = [0x00, 0x40, 0x14, 0x54]

    public let geometry: DisplayGeometry
    public var backlight: Bool

    public init(geometry: DisplayGeometry = .lcd20x4, backlight: Bool = true) {
        self.geometry = geometry
        self.backlight = backlight
    }

    private var backlightMask: UInt8 { backlight ? Self.backlightBit : 0 }

    /// One nibble (in the low four bits of `value`) strobed in with E.
    func nibble(_ value: UInt8, data: Bool) -> [UInt8] {
        let pins = (value & 0x0F) << 4 | backlightMask | (data ? Self.registerSelect : 0)
        return [pins | Self.enable, pins]
    }

    /// A whole byte as two nibbles, high first.
    func byte(_ value: UInt8, data: Bool) -> [UInt8] {
        nibble(value >> 4, data: data) + nibble(value, data: data)
    }

    /// An instruction; clear and home need 1.52 ms, the others 37 µs.
    public func command(_ instruction: UInt8) -> Write {
        Write(byte(instruction, data: false), pauseMicroseconds: instruction <= 0x03 ? 2_000 : 50)
    }

    /// Power-on initialisation by instruction (datasheet figure 24): three times 8-bit mode,
    /// then 4-bit mode, two-line 5×8 font, display off, clear, left-to-right entry, display on
    /// without cursor.
    public func initialization() -> [Write] {
        [
            Write([backlightMask], pauseMicroseconds: 50_000),
            Write(nibble(0x3, data: false), pauseMicroseconds: 4_500),
            Write(nibble(0x3, data: false), pauseMicroseconds: 150),
            Write(nibble(0x3, data: false), pauseMicroseconds: 150),
            Write(nibble(0x2, data: false), pauseMicroseconds: 150),
            command(0x28), command(0x08), command(0x01), command(0x06), command(0x0C),
        ]
    }

    /// Moves to the start of `row` and writes `text` there, fitted to the width.
    public func row(_ row: Int, _ text: String) -> [Write] {
        let address = Self.rowAddresses[row % Self.rowAddresses.count]
        let cells = Self.characterCodes(text, columns: geometry.columns)
        return [command(0x80 | address), Write(cells.flatMap { byte($0, data: true) }, pauseMicroseconds: 50)]
    }

    /// The writes that turn `previous` (nil: unknown) into `frame`: only the rows that differ.
    public func update(from previous: DisplayFrame?, to frame: DisplayFrame) -> [Write] {
        frame.lines.enumerated().flatMap { index, line -> [Write] in
            if let previous, index < previous.lines.count, previous.lines[index] == line { return [] }
            return row(index, line)
        }
    }

    /// Switches the backlight without changing the text.
    public func backlightWrite() -> Write {
        Write([backlightMask], pauseMicroseconds: 0)
    }

    /// Character codes of the A00 (Japanese) ROM most modules carry: printable ASCII as is
    /// (except `\` and `~`, which that ROM shows as ¥ and →), ä ö ü ß ° µ ÷ → ← from the ROM,
    /// everything else through the receipt transliteration (€ → EUR, é → e, Ä → Ae) or `?`.
    /// The result is cut or padded with spaces to `columns`.
    public static func characterCodes(_ text: String, columns: Int) -> [UInt8] {
        var codes: [UInt8] = []
        for character in text {
            if let code = romCode(character) {
                codes.append(code)
            } else if let stand = Transliteration.candidates(for: character).first(where: { $0.allSatisfy { romCode($0) != nil } }) {
                codes += stand.compactMap(romCode)
            } else {
                codes.append(UInt8(ascii: "?"))
            }
            if codes.count >= columns { break }
        }
        return Array(codes.prefix(columns)) + Array(repeating: UInt8(ascii: " "), count: max(0, columns - codes.count))
    }

    private static func romCode(_ character: Character) -> UInt8? {
        if let ascii = character.asciiValue, (0x20...0x7D).contains(ascii), ascii != 0x5C { return ascii }
        return romSpecials[character]
    }

    private static let romSpecials: [Character: UInt8] = [
        "ä": 0xE1, "ß": 0xE2, "µ": 0xE4, "ö": 0xEF, "ü": 0xF5, "°": 0xDF, "÷": 0xFD, "→": 0x7E, "←": 0x7F,
    ]
}
