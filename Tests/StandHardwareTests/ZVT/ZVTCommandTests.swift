import Testing
@testable import StandHardware

/// Each command's APDU built by hand from the specification's field layout: class, instruction,
/// length, then the fields in the order the layout lists them.
@Suite struct ZVTCommandTests {
    static let examples: [(ZVTCommand, String)] = [
        // 06 00: password 12 34 56, config byte BA, currency 09 78 without a tag.
        (.registration(password: 123456, config: 0xBA, currency: 978), "06 00 06 12 34 56 BA 09 78"),
        // + 03 service byte 01, + 06 container (length 0A) holding tag 26 (length 08) with two
        // tag 0A command codes 06 D3 and 06 D1.
        (.registration(password: 123456, config: 0xBA, currency: 978, serviceByte: 0x01, acceptedCommands: [0x06D3, 0x06D1]),
         "06 00 14 12 34 56 BA 09 78 03 01 06 0A 26 08 0A 02 06 D3 0A 02 06 D1"),
        // No currency: the terminal's own.
        (.registration(password: 0, config: 0x08, currency: nil), "06 00 04 00 00 00 08"),
        // HARDWARE-NOTES' traced payment: 06 01 with only BMP 04 (1.54).
        (.authorization(amount: 154, currency: nil), "06 01 07 04 00 00 00 00 01 54"),
        // + BMP 49 currency 09 78.
        (.authorization(amount: 154, currency: 978), "06 01 0A 04 00 00 00 00 01 54 49 09 78"),
        (.logOff, "06 02 00"),
        (.abort, "06 B0 00"),
        // password, then BMP 87 receipt number 00 42.
        (.reversal(password: 123456, receiptNumber: 42), "06 30 06 12 34 56 87 00 42"),
        (.reversal(password: 123456, receiptNumber: nil), "06 30 03 12 34 56"),
        // password, BMP 04 2.50, BMP 49.
        (.refund(password: 123456, amount: 250, currency: 978), "06 31 0D 12 34 56 04 00 00 00 00 02 50 49 09 78"),
        (.endOfDay(password: 123456), "06 50 03 12 34 56"),
        (.repeatReceipt(password: 123456), "06 20 03 12 34 56"),
        (.statusEnquiry(password: 123456), "05 01 03 12 34 56"),
        (.statusEnquiry(password: 123456, serviceByte: 0x01), "05 01 05 12 34 56 03 01"),
    ]

    @Test(arguments: examples)
    func bytesFromTheFieldLayout(command: ZVTCommand, expected: String) throws {
        #expect(try command.apdu.bytes == hex(expected))
    }

    @Test(arguments: examples)
    func decodesBackForTheSimulator(command: ZVTCommand, expected: String) throws {
        #expect(try ZVTCommand.decode(ZVTAPDU.parse(hex(expected))) == command)
    }

    @Test func numbersThatDoNotFitAreRefusedInWords() {
        let negative = zvtError { try ZVTCommand.authorization(amount: -1).apdu }
        #expect(negative == .valueOutOfRange(field: "amount", value: -1, allowed: 0...999_999_999_999))
        #expect(negative?.description.contains("amount -1") == true)
        #expect(zvtError { try ZVTCommand.authorization(amount: 1_000_000_000_000).apdu } != nil)
        #expect(zvtError { try ZVTCommand.endOfDay(password: 1_000_000).apdu }
            == .valueOutOfRange(field: "terminal password", value: 1_000_000, allowed: 0...999_999))
        #expect(zvtError { try ZVTCommand.authorization(amount: 1, currency: 10_000).apdu } != nil)
        #expect(zvtError { try ZVTCommand.reversal(password: 1, receiptNumber: 10_000).apdu } != nil)
    }

    @Test func registrationCurrencyThatLooksLikeAField() throws {
        // ISK 352 is 03 52, which also reads as service byte 52: when both readings work, the
        // currency wins (ECRs send one nearly always).
        let command = ZVTCommand.registration(password: 1, config: 0, currency: 352)
        #expect(try command.apdu.bytes == hex("06 00 06 00 00 01 00 03 52"))
        #expect(try ZVTCommand.decode(command.apdu) == command)
        #expect(try ZVTCommand.decode(ZVTAPDU.parse(hex("06 00 08 00 00 01 00 03 52 06 00")))
            == .registration(password: 1, config: 0, currency: 352))
        // When the two bytes are no BCD currency, they are the service byte field.
        #expect(try ZVTCommand.decode(ZVTAPDU.parse(hex("06 00 06 00 00 01 00 03 5A")))
            == .registration(password: 1, config: 0, currency: nil, serviceByte: 0x5A))
    }

    @Test func unknownOrMalformedCommandsThrow() {
        #expect(zvtError { try ZVTCommand.decode(ZVTAPDU(0x06, 0x93)) } != nil)
        #expect(zvtError { try ZVTCommand.decode(ZVTAPDU(0x06, 0x01)) } == .truncated(what: "the authorization (06 01): its amount (BMP 04)"))
        #expect(zvtError { try ZVTCommand.decode(ZVTAPDU(0x06, 0x50, data: [0x12])) } != nil)
        #expect(zvtError { try ZVTCommand.decode(ZVTAPDU(0x06, 0x00, data: hex("12 34 56 BA 09 78 27 00"))) } != nil)
    }
}
