import StandHardware
import Testing

@Suite struct KeymapTests {
    private func press(_ code: UInt16, _ value: Int32 = 1) -> InputEvent {
        InputEvent(seconds: 2, microseconds: 500_000, type: InputEvent.key, code: code, value: value)
    }

    @Test func theDefaultMapCoversTheNumericKeypad() {
        let map = Keymap.usbNumericKeypad
        let digits: [UInt16] = [82, 79, 80, 81, 75, 76, 77, 71, 72, 73]
        #expect(digits.map { map[$0] } == (0...9).map { Key.digit($0) })
        #expect(map[83] == .decimalPoint)
        #expect(map[55] == .quantity)
        #expect(map[98] == .menu)
        #expect(map[74] == .voidLine)
        #expect(map[78] == .subtotal)
        #expect(map[69] == .clear)
        #expect(map[96] == .enter)
        #expect(map[14] == .backspace)
        #expect((59...66).map { map[UInt16($0)] } == (1...8).map { Key.product($0) })
        #expect(map[67] == .cash)
        #expect(map[68] == .card)
        #expect((2...11).map { map[UInt16($0)] } == [1, 2, 3, 4, 5, 6, 7, 8, 9, 0].map { Key.digit($0) })
    }

    @Test func onlyPressesBecomeKeys() {
        let map = Keymap.usbNumericKeypad
        #expect(map.keyEvent(for: press(78)) == KeyEvent(.subtotal, timestampMilliseconds: 2500))
        #expect(map.keyEvent(for: press(78, 0)) == nil)
        #expect(map.keyEvent(for: press(78, 2)) == nil)
        #expect(map.keyEvent(for: InputEvent(type: InputEvent.synchronization, code: 0, value: 1)) == nil)
        #expect(map.keyEvent(for: press(30)) == nil)
    }

    @Test func parsesConfigurationText() throws {
        let map = try Keymap(parsing: """
            # a 22-key keypad with cash and card keys
            "KEY_KPPLUS" = "subtotal"
            KEY_TAB = card
            key_kpequal = Cash   # the = key
            30 = P12

            KEY_KP0 = 0
            KEY_KPCOMMA = "."
            """)
        #expect(map.keys == [78: .subtotal, 15: .card, 117: .cash, 30: .product(12), 82: .digit(0), 121: .decimalPoint])
        #expect(Keymap.usbNumericKeypad.merging(map)[15] == .card)
        #expect(Keymap.usbNumericKeypad.merging(map)[71] == .digit(7))
    }

    @Test func keyNamesRoundTrip() {
        let keys: [Key] = (0...9).map(Key.digit) + [.decimalPoint, .product(3), .quantity, .voidLine, .clear,
                                                    .backspace, .subtotal, .cash, .card, .enter, .menu, .up, .down]
        for key in keys { #expect(Keymap.key(named: Keymap.name(of: key)) == key) }
    }

    @Test func errorsNameTheLineAndTheEntry() {
        #expect(throws: KeymapError(line: 2, entry: "KEY_KPPLUS subtotal", problem: .notAnEntry)) {
            try Keymap(parsing: "KEY_KP1 = 1\nKEY_KPPLUS subtotal")
        }
        #expect(throws: KeymapError(line: 1, entry: "KEY_KPPLUSS = subtotal", problem: .unknownCode("KEY_KPPLUSS"))) {
            try Keymap(parsing: "KEY_KPPLUSS = subtotal")
        }
        #expect(throws: KeymapError(line: 1, entry: "900 = subtotal", problem: .unknownCode("900"))) {
            try Keymap(parsing: "900 = subtotal")
        }
        #expect(throws: KeymapError(line: 1, entry: "\"KEY_F1\" = \"sbutotal\"", problem: .unknownKey("sbutotal"))) {
            try Keymap(parsing: "\"KEY_F1\" = \"sbutotal\"")
        }
        #expect(throws: KeymapError(line: 2, entry: "78 = cash", problem: .duplicateCode("78"))) {
            try Keymap(parsing: "KEY_KPPLUS = subtotal\n78 = cash")
        }
        let error = KeymapError(line: 4, entry: "KEY_F1 = total", problem: .unknownKey("total"))
        #expect(error.description.hasPrefix("Keymap line 4 (KEY_F1 = total) maps to \"total\", which is not a stand key"))
    }
}
