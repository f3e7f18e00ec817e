import Testing
@testable import StandHardware

@Suite struct ZVTTLVTests {
    @Test func multiByteTagsAndLengthForms() throws {
        let objects = [
            ZVTTLV(tag: 0x1F07, value: [0x02]),
            ZVTTLV(tag: 0x07, value: [UInt8](repeating: 0x41, count: 200)),
            ZVTTLV(tag: 0x1F8102, value: [UInt8](repeating: 0x42, count: 300)),
        ]
        let bytes = ZVTTLV.encode(objects)
        #expect(Array(bytes.prefix(4)) == hex("1F 07 01 02"))
        #expect(Array(bytes[4...6]) == [0x07, 0x81, 200])
        #expect(Array(bytes[207...212]) == [0x1F, 0x81, 0x02, 0x82, 0x01, 0x2C])
        #expect(try ZVTTLV.decode(bytes) == objects)
    }

    @Test func nestedContainersDecodeChildren() throws {
        // 06 D3's container: tag 25 (constructed) holding receipt type 1F07 and two text lines.
        let bytes = hex("25 0C 1F 07 01 02 07 02 48 49 07 02 4F 4B")
        let top = try ZVTTLV.decode(bytes)
        #expect(top.count == 1 && top[0].isConstructed)
        #expect(try top[0].children == [
            ZVTTLV(tag: 0x1F07, value: [2]), ZVTTLV(tag: 0x07, value: Array("HI".utf8)), ZVTTLV(tag: 0x07, value: Array("OK".utf8)),
        ])
        #expect(ZVTTLV.encode([ZVTTLV(tag: 0x25, children: try top[0].children)]) == bytes)
        // A primitive object has no children.
        #expect(try ZVTTLV(tag: 0x07, value: [0x26, 0x00]).children == [])
    }

    @Test(arguments: [
        "07 05 41 42",          // value cut short
        "1F",                   // tag cut off
        "1F 87",                // tag continues past the end
        "1F 81 82 83 04 00",    // tag of five bytes
        "07",                   // length missing
        "07 83 00 00 01 41",    // length form ZVT does not use
        "07 82 01",             // length cut off
    ])
    func malformedTLVThrows(bytes: String) {
        guard case .malformedTLV = zvtError({ try ZVTTLV.decode(hex(bytes)) }) else {
            Issue.record("\(bytes) was read")
            return
        }
    }

    @Test func emptyBytesAreNoObjects() throws {
        #expect(try ZVTTLV.decode([]) == [])
        #expect(ZVTTLV.encode([ZVTTLV(tag: 0x00, value: [])]) == hex("00 00"))
    }
}
