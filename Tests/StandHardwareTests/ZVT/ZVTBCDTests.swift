import Testing
@testable import StandHardware

@Suite struct ZVTBCDTests {
    @Test func packsTwoDigitsABytePaddedLeft() {
        #expect(ZVTBCD.encode(154, byteCount: 6) == hex("00 00 00 00 01 54"))
        #expect(ZVTBCD.encode(123456, byteCount: 3) == hex("12 34 56"))
        #expect(ZVTBCD.encode(978, byteCount: 2) == hex("09 78"))
        #expect(ZVTBCD.encode(0, byteCount: 2) == hex("00 00"))
        #expect(ZVTBCD.encode(999_999_999_999, byteCount: 6) == hex("99 99 99 99 99 99"))
    }

    @Test func decodesAndKeepsLeadingZerosAsDigits() throws {
        #expect(try ZVTBCD.decode(hex("00 00 00 00 01 54"), field: "amount") == 154)
        #expect(try ZVTBCD.digits(hex("00 12 34 56"), field: "terminal ID") == "00123456")
        #expect(try ZVTBCD.decode([], field: "nothing") == 0)
        #expect(try ZVTBCD.decode(hex("18 44 67 44 07 37 09 55 16 15"), field: "UInt64.max") == .max)
        guard case .badLength = zvtError({ try ZVTBCD.decode(hex("18 44 67 44 07 37 09 55 16 16"), field: "one more") }) else {
            Issue.record("a number above UInt64.max was read")
            return
        }
    }

    @Test func aNibbleAboveNineIsBadBCD() {
        #expect(zvtError { try ZVTBCD.decode(hex("01 5A"), field: "amount") } == .badBCD(field: "amount"))
        #expect(zvtError { try ZVTBCD.digits(hex("F1"), field: "terminal ID") } == .badBCD(field: "terminal ID"))
    }

    @Test func maximumPerByteCount() {
        #expect(ZVTBCD.maximum(byteCount: 0) == 0)
        #expect(ZVTBCD.maximum(byteCount: 3) == 999_999)
        #expect(ZVTBCD.maximum(byteCount: 9) == 999_999_999_999_999_999)
        #expect(ZVTBCD.maximum(byteCount: 10) == .max)
    }
}
