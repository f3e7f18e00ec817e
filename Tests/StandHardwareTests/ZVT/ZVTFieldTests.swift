import Foundation
import Testing
@testable import StandHardware

@Suite struct ZVTFieldTests {
    /// The table from the brief and the specification's bitmap list.
    static let table: [(UInt8, ZVTFieldFormat)] = [
        (0x01, .fixed(1)), (0x02, .fixed(1)), (0x03, .fixed(1)), (0x04, .fixed(6)), (0x05, .fixed(1)),
        (0x06, .tlvContainer), (0x0B, .fixed(3)), (0x0C, .fixed(3)), (0x0D, .fixed(2)), (0x0E, .fixed(2)),
        (0x17, .fixed(2)), (0x19, .fixed(1)), (0x22, .llvar), (0x23, .llvar), (0x24, .lllvar), (0x27, .fixed(1)),
        (0x29, .fixed(4)), (0x2A, .fixed(15)), (0x2D, .llvar), (0x2E, .lllvar), (0x37, .fixed(3)), (0x3A, .fixed(2)),
        (0x3B, .fixed(8)), (0x3C, .lllvar), (0x3D, .fixed(3)), (0x49, .fixed(2)), (0x60, .lllvar), (0x87, .fixed(2)),
        (0x88, .fixed(3)), (0x8A, .fixed(1)), (0x8B, .llvar), (0x8C, .fixed(1)), (0x9A, .lllvar), (0xA0, .fixed(1)),
        (0xA7, .llvar), (0xAF, .lllvar), (0xBA, .fixed(5)), (0xD0, .fixed(1)), (0xD1, .llvar), (0xD2, .fixed(1)),
        (0xD3, .fixed(1)), (0xE0, .fixed(1)), (0xE1, .llvar), (0xE2, .llvar), (0xE3, .llvar), (0xE4, .llvar),
        (0xE5, .llvar), (0xE6, .llvar), (0xE7, .llvar), (0xE8, .llvar), (0xE9, .llvar), (0xEA, .llvar),
        (0xEB, .llvar), (0xEC, .llvar), (0xED, .llvar), (0xF0, .fixed(1)), (0xF1, .llvar), (0xF2, .llvar),
        (0xF3, .llvar), (0xF4, .llvar), (0xF5, .llvar), (0xF6, .llvar), (0xF7, .llvar), (0xF8, .llvar), (0xF9, .llvar),
    ]

    @Test func tableHoldsEveryListedField() {
        for (tag, format) in Self.table {
            #expect(ZVTFields.format(of: tag) == format, "BMP \(String(tag, radix: 16))")
        }
        #expect(ZVTFields.format(of: 0x99) == nil)
        #expect(ZVTFields.name(of: 0x04) == "amount")
        #expect(ZVTFields.name(of: 0x99) == "BMP 0x99")
    }

    /// Values of the lengths that matter for each format: the edges and one in between.
    static func sampleValues(_ format: ZVTFieldFormat) -> [[UInt8]] {
        let lengths: [Int] = switch format {
        case .fixed(let size): [size]
        case .llvar: [0, 1, 10, 99]
        case .lllvar: [0, 9, 123, 999]
        case .tlvContainer: [0, 127, 128, 255, 256, 300]
        }
        return lengths.map { count in (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 0x10) } }
    }

    @Test func everyFieldRoundTrips() throws {
        var all: [ZVTField] = []
        for (tag, format) in Self.table {
            for value in Self.sampleValues(format) {
                let field = ZVTField(tag: tag, value: value)
                #expect(try ZVTFields.decode(ZVTFields.encode([field])) == [field])
                all.append(field)
            }
        }
        // All of them one after another, order kept.
        #expect(try ZVTFields.decode(ZVTFields.encode(all)) == all)
    }

    @Test func variableLengthsAreDigitsInFNibbles() throws {
        let pan = ZVTField(tag: 0x22, value: [UInt8](repeating: 0x12, count: 17))
        #expect(try Array(ZVTFields.encode([pan]).prefix(3)) == hex("22 F1 F7"))
        let text = ZVTField(tag: 0x3C, value: [UInt8](repeating: 0x41, count: 123))
        #expect(try Array(ZVTFields.encode([text]).prefix(4)) == hex("3C F1 F2 F3"))
        #expect(try ZVTFields.encode([ZVTField(tag: 0x8B, value: [])]) == hex("8B F0 F0"))
        #expect(try ZVTFields.decode(hex("8B F0 F3 56 49 53")) == [ZVTField(tag: 0x8B, value: Array("VIS".utf8))])
    }

    @Test func containerLengthIsBER() throws {
        func prefix(_ count: Int) throws -> [UInt8] {
            Array(try ZVTFields.encode([ZVTField(tag: 0x06, value: [UInt8](repeating: 0, count: count))]).prefix(4))
        }
        #expect(try Array(prefix(127).prefix(2)) == hex("06 7F"))
        #expect(try Array(prefix(128).prefix(3)) == hex("06 81 80"))
        #expect(try prefix(300) == hex("06 82 01 2C"))
    }

    @Test func lengthsOutsideTheFormatAreRefused() {
        #expect(zvtError { try ZVTFields.encode([ZVTField(tag: 0x04, value: [0, 1])]) }
            == .badLength(what: "the amount (BMP 04) takes 6 bytes, not 2"))
        #expect(zvtError { try ZVTFields.encode([ZVTField(tag: 0x8B, value: [UInt8](repeating: 0x41, count: 100))]) }
            == .badLength(what: "the card name (BMP 8B) holds 100 bytes, at most 99 fit"))
        #expect(zvtError { try ZVTFields.encode([ZVTField(tag: 0x3C, value: [UInt8](repeating: 0x41, count: 1000))]) } != nil)
        #expect(zvtError { try ZVTFields.encode([ZVTField(tag: 0x99, value: [])]) } == .unknownField(tag: 0x99))
    }

    @Test func malformedFieldListsThrow() {
        // An unknown tag: nothing after it can be read.
        #expect(zvtError { try ZVTFields.decode(hex("27 00 99 01 02")) } == .unknownField(tag: 0x99))
        // The amount cut short.
        guard case .truncated = zvtError({ try ZVTFields.decode(hex("04 00 00 01")) }) else {
            Issue.record("a short amount was read")
            return
        }
        // A length that is not F-nibble digits.
        guard case .badLength = zvtError({ try ZVTFields.decode(hex("22 A1 07 12")) }) else {
            Issue.record("a length A1 07 was read")
            return
        }
        guard case .badLength = zvtError({ try ZVTFields.decode(hex("22 FA F0")) }) else {
            Issue.record("a length digit A was read")
            return
        }
        // LLVAR saying 17 with 2 bytes following.
        #expect(zvtError { try ZVTFields.decode(hex("22 F1 F7 12 34")) } != nil)
        // A container length form ZVT does not use.
        guard case .malformedTLV = zvtError({ try ZVTFields.decode(hex("06 83 00 00 01 00")) }) else {
            Issue.record("a three-byte container length was read")
            return
        }
    }

    @Test func fieldsTravelAsHexInJSON() throws {
        let field = ZVTField(tag: 0x04, value: hex("00 00 00 00 01 54"))
        let json = String(decoding: try JSONEncoder().encode(field), as: UTF8.self)
        #expect(json.contains("\"tag\":\"04\"") && json.contains("\"value\":\"000000000154\""))
        #expect(try JSONDecoder().decode(ZVTField.self, from: Data(json.utf8)) == field)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ZVTField.self, from: Data(#"{"tag":"4","value":""}"#.utf8))
        }
        #expect(field.description == "04 amount: 00 00 00 00 01 54")
    }
}
