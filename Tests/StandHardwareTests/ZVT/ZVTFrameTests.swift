import Testing
@testable import StandHardware

@Suite struct ZVTFrameTests {
    @Test func crcIsKermitNotXModem() {
        // The check value of CRC-16/KERMIT in the CRC catalogue (XMODEM gives 0x31C3).
        #expect(ZVTCRC.checksum(Array("123456789".utf8)) == 0x2189)
        #expect(ZVTCRC.checksum([]) == 0)
    }

    @Test func statusEnquiryFrameMatchesTheKnownTrace() throws {
        // HARDWARE-NOTES, ZVT section: status enquiry with password 123456.
        let frame = ZVTFrame.encode(try ZVTCommand.statusEnquiry(password: 123456).apdu)
        #expect(frame == hex("10 02 05 01 03 12 34 56 10 03 E0 43"))
    }

    @Test func acknowledgementFrameMatchesTheKnownTrace() {
        // HARDWARE-NOTES, ZVT section: the ack frame.
        #expect(ZVTFrame.encode(.positiveAcknowledgement) == hex("10 02 80 00 00 10 03 F5 1F"))
    }

    @Test func dleInTheAPDUIsDoubledButNotInTheCRC() throws {
        // 10.10 EUR: the amount ends in 10 10, each doubled on the line. The CRC covers the
        // unstuffed APDU + ETX: F3 04 from a bitwise CRC-16/KERMIT written separately (it
        // reproduces both known frames above).
        let apdu = try ZVTCommand.authorization(amount: 1010, currency: nil).apdu
        #expect(apdu.bytes == hex("06 01 07 04 00 00 00 00 10 10"))
        #expect(ZVTFrame.encode(apdu) == hex("10 02 06 01 07 04 00 00 00 00 10 10 10 10 10 03 F3 04"))
        #expect(readAll(ZVTFrame.encode(apdu)) == [.frame(apdu)])
    }

    @Test func frameOfACurrencyAuthorization() throws {
        // The APDU from the field layout (04 amount, 49 currency 09 78); CRC CE 7E from the same
        // separate CRC-16/KERMIT.
        let apdu = try ZVTCommand.authorization(amount: 154, currency: 978).apdu
        #expect(ZVTFrame.encode(apdu) == hex("10 02 06 01 0A 04 00 00 00 00 01 54 49 09 78 10 03 CE 7E"))
    }

    @Test func negativeAcknowledgement() {
        #expect(ZVTAPDU.negativeAcknowledgement(0x9A).bytes == hex("84 9A 00"))
        #expect(!ZVTAPDU.negativeAcknowledgement(0x9A).isPositiveAcknowledgement)
        #expect(ZVTAPDU.positiveAcknowledgement.isPositiveAcknowledgement)
        #expect(ZVTAPDU.positiveAcknowledgement.bytes == hex("80 00 00"))
    }

    @Test(arguments: [0, 1, 254, 255, 256, 300, 65535])
    func lengthFormsRoundTrip(count: Int) throws {
        let data = (0..<count).map { UInt8(truncatingIfNeeded: $0) }
        let apdu = ZVTAPDU(0x06, 0xD3, data: data)
        let bytes = apdu.bytes
        if count <= 254 {
            #expect(bytes.prefix(3) == [0x06, 0xD3, UInt8(count)])
        } else {
            // FF, then the length little-endian.
            #expect(bytes.prefix(5) == [0x06, 0xD3, 0xFF, UInt8(count & 0xFF), UInt8(count >> 8)])
        }
        #expect(bytes.count == count + (count <= 254 ? 3 : 5))
        #expect(try ZVTAPDU.parse(bytes) == apdu)
        #expect(readAll(ZVTFrame.encode(apdu)) == [.frame(apdu)])
    }

    @Test func extendedLengthOf300() {
        let apdu = ZVTAPDU(0x06, 0xD3, data: [UInt8](repeating: 0x41, count: 300))
        #expect(Array(apdu.bytes.prefix(5)) == hex("06 D3 FF 2C 01"))
    }

    @Test func parseWantsExactlyOneAPDU() throws {
        #expect(zvtError { try ZVTAPDU.parse([]) } == .truncated(what: "the APDU header (0 of 3 bytes)"))
        #expect(zvtError { try ZVTAPDU.parse(hex("06 01")) } != nil)
        #expect(zvtError { try ZVTAPDU.parse(hex("06 D3 FF 01")) } != nil)
        guard case .truncated = zvtError({ try ZVTAPDU.parse(hex("06 01 07 04 00")) }) else {
            Issue.record("a short APDU was not truncated")
            return
        }
        guard case .badLength = zvtError({ try ZVTAPDU.parse(hex("80 00 00 00")) }) else {
            Issue.record("an APDU with a byte too many was accepted")
            return
        }
        // The extended form for a short length is read too.
        #expect(try ZVTAPDU.parse(hex("80 00 FF 00 00")) == .positiveAcknowledgement)
    }

    @Test func descriptionNamesTheCommand() throws {
        #expect(try ZVTCommand.authorization(amount: 154, currency: nil).apdu.description == "06 01 (Authorization, 7 bytes)")
        #expect(ZVTAPDU.positiveAcknowledgement.description == "80 00 (Acknowledgement, 0 bytes)")
        #expect(ZVTAPDU(0x06, 0x93, data: [1]).description == "06 93 (1 byte)")
    }
}
