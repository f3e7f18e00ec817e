import Foundation
import Testing
@testable import StandHardware

@Suite struct ZVTTerminalMessageTests {
    func decode(_ bytes: String) throws -> ZVTTerminalMessage {
        try ZVTTerminalMessage.decode(ZVTAPDU.parse(hex(bytes)))
    }

    /// A payment's status information built by hand from the field layout: 27 result, 04 amount
    /// 1.54, 0B trace 42, 0C time 14:30:05, 0D date 05-14, 0E expiry 27/12, 17 card sequence 1,
    /// 19 payment type 40, 22 masked PAN (LL 08, E nibbles), 29 terminal ID, 2A VU number (15
    /// ASCII), 3B AID (8 ASCII), 49 EUR, 87 receipt 7, 88 turnover 9, 8A card type 5, 8B card name.
    static let paymentStatus = "27 00 04 00 00 00 00 01 54 0B 00 00 42 0C 14 30 05 0D 05 14 0E 27 12 17 00 01 19 40 "
        + "22 F0 F8 67 26 EE EE EE EE 00 16 29 01 23 45 67 "
        + "2A 31 32 33 34 35 36 37 38 39 30 20 20 20 20 20 3B 41 42 31 32 33 34 20 20 49 09 78 87 00 07 88 00 00 09 "
        + "8A 05 8B F0 F8 47 69 72 6F 63 61 72 64"

    @Test func paymentStatusInformation() throws {
        let data = hex(Self.paymentStatus)
        guard case .statusInformation(let status) = try ZVTTerminalMessage.decode(ZVTAPDU(0x04, 0x0F, data: data)) else {
            Issue.record("04 0F was not read as status information")
            return
        }
        #expect(status.resultCode == 0)
        #expect(status.amount == 154)
        #expect(status.traceNumber == 42)
        #expect(status.time == ZVTTime(hour: 14, minute: 30, second: 5))
        #expect(status.date == ZVTDate(month: 5, day: 14))
        #expect(status.expiry == ZVTExpiry(year: 27, month: 12))
        #expect(status.cardSequenceNumber == 1)
        #expect(status.paymentType == 0x40)
        #expect(status.maskedPAN == "6726********0016")
        #expect(status.terminalID == "01234567")
        #expect(status.vuNumber == "1234567890")
        #expect(status.aid == "AB1234")
        #expect(status.currency == 978)
        #expect(status.receiptNumber == 7)
        #expect(status.turnoverNumber == 9)
        #expect(status.cardType == 5)
        #expect(status.cardName == "Girocard")
        #expect(status.originalTraceNumber == nil && status.totals == nil && status.additionalText == nil)
        #expect(status.fields.count == 17)

        // The simulator's way to build the same message.
        let built = try ZVTStatusInformation(
            resultCode: 0, amount: 154, currency: 978, traceNumber: 42, receiptNumber: 7, turnoverNumber: 9,
            date: ZVTDate(month: 5, day: 14), time: ZVTTime(hour: 14, minute: 30, second: 5),
            expiry: ZVTExpiry(year: 27, month: 12), cardSequenceNumber: 1, paymentType: 0x40,
            maskedPAN: "6726********0016", terminalID: "01234567", vuNumber: "1234567890", aid: "AB1234",
            cardType: 5, cardName: "Girocard")
        #expect(built == status)
        #expect(try ZVTTerminalMessage.statusInformation(built).apdu.data == data)
    }

    @Test func statusInformationTravelsAsItsFieldsInJSON() throws {
        let status = try ZVTStatusInformation(fields: ZVTFields.decode(hex(Self.paymentStatus)))
        let json = try JSONEncoder().encode(status)
        #expect(try JSONDecoder().decode(ZVTStatusInformation.self, from: json) == status)
        let withoutResult = #"{"fields":[{"tag":"04","value":"000000000154"}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ZVTStatusInformation.self, from: Data(withoutResult.utf8)) }
    }

    @Test func statusInformationWithoutResultCodeIsRefused() {
        guard case .unexpected(let text) = zvtError({ try decode("04 0F 07 04 00 00 00 00 01 54") }) else {
            Issue.record("a status information without BMP 27 was read")
            return
        }
        #expect(text.contains("result code"))
    }

    @Test func maskedPANDropsFPaddingAndRefusesOtherNibbles() throws {
        #expect(try ZVTStatusInformation(fields: [.init(tag: 0x27, value: [0]), .init(tag: 0x22, value: hex("12 3E EF"))]).maskedPAN == "123**")
        #expect(zvtError { try ZVTStatusInformation(fields: [.init(tag: 0x27, value: [0]), .init(tag: 0x22, value: hex("1A"))]) }
            == .badBCD(field: "card number (PAN, BMP 22)"))
        #expect(zvtError { try ZVTStatusInformation(resultCode: 0, maskedPAN: "1234-5678") } != nil)
    }

    @Test func endOfDayTotals() throws {
        // BMP 60 in the layout ZVTTotals documents: receipts 0001…0007, then count + turnover for
        // girocard (3, 12.34), JCB, Eurocard (1, 5.00), Amex, Visa (2, 7.50), Diners, other.
        let totals = "00 01 00 07 03 00 00 00 00 12 34 00 00 00 00 00 00 00 01 00 00 00 00 05 00 "
            + "00 00 00 00 00 00 00 02 00 00 00 00 07 50 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
        let bytes = hex("27 00 60 F0 F5 F3 " + totals)
        let status = try ZVTStatusInformation(fields: ZVTFields.decode(bytes))
        let expected = ZVTTotals(firstReceiptNumber: 1, lastReceiptNumber: 7,
                                 girocard: .init(count: 3, turnover: 1234), eurocard: .init(count: 1, turnover: 500),
                                 visa: .init(count: 2, turnover: 750))
        #expect(status.totals == expected)
        #expect(try ZVTStatusInformation(resultCode: 0, totals: expected) == status)
        let otherLayout = try ZVTStatusInformation(fields: [.init(tag: 0x27, value: [0]), .init(tag: 0x60, value: [0, 1])])
        #expect(otherLayout.totals == nil, "a BMP 60 of another layout is kept as a field, not read as totals")
        #expect(otherLayout.fields.count == 2)
    }

    @Test func intermediateStatus() throws {
        #expect(try decode("04 FF 01 0A") == .intermediateStatus(ZVTIntermediateStatus(code: 0x0A)))
        #expect(try decode("04 FF 02 0E 0F") == .intermediateStatus(ZVTIntermediateStatus(code: 0x0E, timeout: 15)))
        #expect(try decode("04 FF 07 0A 06 04 07 02 48 49")
            == .intermediateStatus(ZVTIntermediateStatus(code: 0x0A, tlv: [ZVTTLV(tag: 0x07, value: Array("HI".utf8))])))
        // A timeout of 6 seconds looks like a container's tag: it is one only when it spans the rest.
        #expect(try decode("04 FF 02 0A 06") == .intermediateStatus(ZVTIntermediateStatus(code: 0x0A, timeout: 6)))
        #expect(try decode("04 FF 04 0A 06 06 00") == .intermediateStatus(ZVTIntermediateStatus(code: 0x0A, timeout: 6)))
        #expect(zvtError { try decode("04 FF 00") } != nil)
        #expect(zvtError { try decode("04 FF 03 0A 0F 27") } != nil)
        #expect(ZVTIntermediateStatus(code: 0x0A).text == "insert card")
        #expect(ZVTIntermediateStatus(code: 0x17).text == "please wait")
        #expect(ZVTIntermediateStatus(code: 0x4A).text == "insert card, remove card")
        #expect(ZVTIntermediateStatus(code: 0x30).text == "terminal status 0x30")
    }

    @Test func acknowledgementsCompletionAndAbort() throws {
        #expect(try decode("80 00 00") == .acknowledged)
        #expect(try decode("84 9C 00") == .refused(code: 0x9C))
        #expect(try decode("06 0F 00") == .completion(ZVTCompletion(fields: [])))
        let completion = try decode("06 0F 0C 27 00 19 00 29 12 34 56 78 49 09 78")
        #expect(completion == .completion(try ZVTCompletion(resultCode: 0, statusByte: 0, terminalID: "12345678", currency: 978)))
        if case .completion(let value) = completion {
            #expect(value.resultCode == 0 && value.statusByte == 0 && value.terminalID == "12345678" && value.currency == 978)
        }
        #expect(try decode("06 1E 01 6C") == .abort(resultCode: 0x6C, text: nil))
        #expect(try decode("06 1E 08 6C 3C F0 F0 F3 41 42 43") == .abort(resultCode: 0x6C, text: "ABC"))
        #expect(zvtError { try decode("06 1E 00") } != nil)
    }

    @Test func printLinesReadBothCharacterSets() throws {
        // "Händler" with ä in CP437 (0x84) and in ISO-8859-1 (0xE4); a control byte dropped.
        #expect(try decode("06 D1 08 00 48 84 6E 64 6C 65 72") == .printLine(attribute: 0, text: "Händler"))
        #expect(try decode("06 D1 09 80 48 E4 6E 64 6C 65 72 0D") == .printLine(attribute: 0x80, text: "Händler"))
        #expect(try decode("06 D1 01 00") == .printLine(attribute: 0, text: ""))
    }

    @Test func textBlock() throws {
        // 06 container → 25 print texts → 1F07 receipt type 2 (customer), two 07 lines.
        let block = try decode("06 D3 11 06 0F 25 0D 1F 07 01 02 07 02 48 49 07 03 45 4E 44")
        #expect(block == .printTextBlock(ZVTTextBlock(receiptType: .customer, lines: ["HI", "END"])))
        #expect(try block.apdu.bytes == hex("06 D3 11 06 0F 25 0D 1F 07 01 02 07 02 48 49 07 03 45 4E 44"))
        #expect(zvtError { try decode("06 D3 02 27 00") } != nil)
        #expect(zvtError { try decode("06 D3 04 06 02 07 00") } == .malformedTLV("the text block (06 D3) has no print texts (tag 25)"))
        #expect(ZVTTextBlock.ReceiptType(code: 9) == .other(9))
    }

    @Test func anythingElseIsOther() throws {
        #expect(try decode("06 93 01 00") == .other(ZVTAPDU(0x06, 0x93, data: [0])))
        #expect(try decode("80 00 01 00") == .other(ZVTAPDU(0x80, 0x00, data: [0])))
    }

    @Test func everyMessageEncodesAndReadsBack() throws {
        let messages: [ZVTTerminalMessage] = [
            .acknowledged, .refused(code: 0x6F),
            .intermediateStatus(ZVTIntermediateStatus(code: 0x0A, timeout: 6, tlv: [ZVTTLV(tag: 0x07, value: [0x41])])),
            .statusInformation(try ZVTStatusInformation(resultCode: 0x78, additionalText: "Karte abgelaufen, ÄÖÜ äöü ß é")),
            .completion(try ZVTCompletion(resultCode: 0)),
            .abort(resultCode: 0x6C, text: "Abbruch"), .abort(resultCode: 0x6C, text: nil),
            .printLine(attribute: 0xFF, text: "Summe EUR 1,54"),
            .printTextBlock(ZVTTextBlock(receiptType: nil, lines: [String](repeating: "Zeile", count: 80))),
            .other(ZVTAPDU(0x06, 0x93)),
        ]
        for message in messages {
            let apdu = try message.apdu
            #expect(try ZVTTerminalMessage.decode(ZVTAPDU.parse(apdu.bytes)) == message)
        }
    }

    @Test func aMessageTooBigForAnAPDUThrows() {
        let block = ZVTTextBlock(receiptType: .merchant, lines: [String](repeating: String(repeating: "x", count: 1000), count: 70))
        guard case .badLength = zvtError({ try ZVTTerminalMessage.printTextBlock(block).apdu }) else {
            Issue.record("a 70 KB text block was encoded")
            return
        }
    }

    @Test func resultCodesInTheOperatorsWords() {
        #expect(ZVTResultCode.describe(0x00) == "OK")
        #expect(ZVTResultCode.describe(0x6C) == "aborted (timeout or abort key)")
        #expect(ZVTResultCode.describe(0xB4) == "already reversed")
        #expect(ZVTResultCode.describe(0x69) == "error 0x69")
        #expect(ZVTResultCode.describe(0x05).contains("declined"))
    }

    @Test func errorsSayWhatHappened() {
        #expect(ZVTError.badCRC(expected: 0x43E0, received: 0x43E1).description.contains("0x43E0"))
        #expect(ZVTError.unknownField(tag: 0x99).description.contains("0x99"))
        #expect(ZVTError.frameTooLong(70_001).deviceError.code == .protocolViolation)
        #expect(ZVTError.valueOutOfRange(field: "amount", value: -1, allowed: 0...9).deviceError.code == .invalidInput)
    }
}
