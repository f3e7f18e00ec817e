import Testing
@testable import StandDrivers

@Suite struct GPSDLineBufferTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func linesSplitAcrossPiecesComeOutWholeAndCRIsDropped() {
        var buffer = GPSDLineBuffer(limit: 64)
        #expect(buffer.append(Self.bytes("{\"class\":\"VER")) == [])
        #expect(buffer.append(Self.bytes("SION\"}\r\n{\"a\":1}\n\n{\"b\"")) == [.line("{\"class\":\"VERSION\"}"), .line("{\"a\":1}")])
        #expect(buffer.append(Self.bytes(":2}\r")) == [])
        #expect(buffer.append(Self.bytes("\n")) == [.line("{\"b\":2}")])
    }

    @Test func aLineOverTheLimitIsDroppedAndTheNextLineIsKept() {
        var buffer = GPSDLineBuffer(limit: 10)
        let long = String(repeating: "x", count: 25)
        #expect(buffer.append(Self.bytes("0123456789\n")) == [.line("0123456789")])
        #expect(buffer.append(Self.bytes(String(long.prefix(7)))) == [])
        #expect(buffer.append(Self.bytes(String(long.dropFirst(7)))) == [])
        #expect(buffer.append(Self.bytes("yy\nshort\n")) == [.overlong(bytes: 27), .line("short")])
        #expect(buffer.append(Self.bytes(long + "\n")) == [.overlong(bytes: 25)])
        #expect(buffer.append(Self.bytes("ok\n")) == [.line("ok")])
    }

    @Test func aMegabyteWithoutANewlineIsNotKeptAndIsOneOverlongLine() {
        var buffer = GPSDLineBuffer(limit: 1024)
        #expect(buffer.append([UInt8](repeating: 0x41, count: 1000)) == [])
        #expect(buffer.heldBytes == 1000)
        for _ in 0..<1023 {
            #expect(buffer.append([UInt8](repeating: 0x41, count: 1024)) == [])
            #expect(buffer.heldBytes == 0)
        }
        #expect(buffer.append([UInt8](repeating: 0x41, count: 24)) == [])
        #expect(buffer.append(Self.bytes("\n{}\n")) == [.overlong(bytes: 1024 * 1024), .line("{}")])
    }
}
