import StandHardware
import Testing

@Suite struct EvdevDecodingTests {
    /// KEY_KP5 pressed at 1700000000.250000 s, written out byte by byte as the kernel does on x86-64.
    static let kp5Press: [UInt8] = [
        0x00, 0xF1, 0x53, 0x65, 0x00, 0x00, 0x00, 0x00, // tv_sec 1_700_000_000
        0x90, 0xD0, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, // tv_usec 250_000
        0x01, 0x00, // EV_KEY
        0x4C, 0x00, // KEY_KP5 = 76
        0x01, 0x00, 0x00, 0x00, // press
    ]

    @Test func decodesARecordByteForByte() throws {
        let event = try #require(InputEvent(bytes: Self.kp5Press))
        #expect(event == InputEvent(seconds: 1_700_000_000, microseconds: 250_000, type: 1, code: 76, value: 1))
        #expect(event.keyAction == .press)
        #expect(event.timestampMilliseconds == 1_700_000_000_250)
        #expect(event.bytes == Self.kp5Press)
    }

    @Test func rejectsRecordsOfTheWrongLength() {
        #expect(InputEvent(bytes: Self.kp5Press.dropLast()) == nil)
        #expect(InputEvent(bytes: Self.kp5Press + [0]) == nil)
    }

    @Test func negativeValuesAndOtherTypesDecode() throws {
        let relative = InputEvent(seconds: 3, microseconds: 7, type: 2, code: 0, value: -5)
        let decoded = try #require(InputEvent(bytes: relative.bytes))
        #expect(decoded.value == -5)
        #expect(decoded.keyAction == nil)
        #expect(InputEvent(type: 1, code: 76, value: 0).keyAction == .release)
        #expect(InputEvent(type: 1, code: 76, value: 2).keyAction == .autorepeat)
    }

    @Test func keepsPartialRecordsUntilTheRestArrives() {
        let sync = InputEvent(seconds: 1_700_000_000, microseconds: 250_000, type: 0, code: 0, value: 0)
        let stream = Self.kp5Press + sync.bytes
        var decoder = InputEventDecoder()
        #expect(decoder.decode(stream[0..<10]).isEmpty)
        #expect(decoder.bufferedByteCount == 10)
        let first = decoder.decode(stream[10..<30])
        #expect(first.map(\.code) == [76])
        #expect(decoder.bufferedByteCount == 6)
        let second = decoder.decode(stream[30...])
        #expect(second == [sync])
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func decodesSeveralRecordsFromOneRead() {
        let events = (0..<5).map { InputEvent(seconds: 1, microseconds: Int64($0), type: 1, code: UInt16(71 + $0), value: 1) }
        var decoder = InputEventDecoder()
        #expect(decoder.decode(events.flatMap(\.bytes)) == events)
    }
}
