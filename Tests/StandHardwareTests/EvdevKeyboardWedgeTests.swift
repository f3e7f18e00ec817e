import StandHardware
import Testing

@Suite struct EvdevKeyboardWedgeTests {
    /// The records a US-layout wedge scanner sends for `text` (letters and digits) then Enter.
    static func typed(_ codes: [(code: UInt16, shift: Bool)], enter: UInt16 = 28) -> [InputEvent] {
        var events: [InputEvent] = []
        for (code, shift) in codes {
            if shift { events.append(InputEvent(type: 1, code: 42, value: 1)) }
            events += [InputEvent(type: 1, code: code, value: 1), InputEvent(type: 0, code: 0, value: 0),
                       InputEvent(type: 1, code: code, value: 0)]
            if shift { events.append(InputEvent(type: 1, code: 42, value: 0)) }
        }
        events += [InputEvent(type: 1, code: enter, value: 1), InputEvent(type: 1, code: enter, value: 0)]
        return events
    }

    @Test func decodesAnEANAndAShiftedURL() {
        var decoder = KeyboardWedgeDecoder()
        // 4006381333931: digits 1–9 are codes 2–10, 0 is 11.
        let ean = "4006381333931".map { character -> (code: UInt16, shift: Bool) in
            let digit = character.wholeNumberValue!
            return (digit == 0 ? 11 : UInt16(digit + 1), false)
        }
        let codes = Self.typed(ean).compactMap { decoder.decode($0) }
        #expect(codes == ["4006381333931"])
        // "Ab:/?" = shift+A(30), b(48), shift+;(39), /(53), shift+/(53)
        let mixed = Self.typed([(30, true), (48, false), (39, true), (53, false), (53, true)], enter: 96)
        #expect(mixed.compactMap { decoder.decode($0) } == ["Ab:/?"])
    }

    @Test func autorepeatUnknownKeysAndEmptyCodesAreIgnored() {
        var decoder = KeyboardWedgeDecoder(terminators: [15])
        let events = [InputEvent(type: 1, code: 15, value: 1),          // Tab with nothing typed
                      InputEvent(type: 1, code: 2, value: 1), InputEvent(type: 1, code: 2, value: 2),
                      InputEvent(type: 1, code: 183, value: 1),         // F13: no character
                      InputEvent(type: 1, code: 28, value: 1),          // Enter is not a terminator here
                      InputEvent(type: 1, code: 15, value: 1)]
        #expect(events.compactMap { decoder.decode($0) } == ["1"])
    }
}
