import Testing
@testable import StandHardware

@Suite struct ZVTFrameReaderTests {
    let statusEnquiry = ZVTAPDU(0x05, 0x01, data: hex("12 34 56"))
    /// 10.10 EUR: DLE bytes in the APDU.
    let authorization = ZVTAPDU(0x06, 0x01, data: hex("04 00 00 00 00 10 10"))

    /// Stray bytes, a frame, ACK, a frame with stuffed DLEs, NAK, stray bytes with a lone DLE, a frame.
    var stream: [UInt8] {
        hex("41 54 0D") + ZVTFrame.encode(statusEnquiry) + [ZVTFrame.ack] + ZVTFrame.encode(authorization)
            + [ZVTFrame.nak] + hex("FF 10 41 00") + ZVTFrame.encode(.positiveAcknowledgement)
    }

    var expected: [ZVTFrameReader.Item] {
        [.noise(hex("41 54 0D")), .frame(statusEnquiry), .ack, .frame(authorization), .nak, .noise(hex("FF 10 41 00")),
         .frame(.positiveAcknowledgement)]
    }

    @Test func readsFramesAcksAndNoise() {
        #expect(readAll(stream) == expected)
    }

    @Test func theSameItemsWhereverTheBytesAreSplit() {
        let bytes = stream
        for cut in 0...bytes.count {
            #expect(readAll(bytes, cuts: [cut]) == expected, "cut at \(cut)")
        }
        // One byte at a time.
        #expect(readAll(bytes, cuts: Array(0...bytes.count)) == expected)
    }

    @Test func aBadCRCIsCorruptAndTheNextFrameStillReads() {
        var broken = ZVTFrame.encode(statusEnquiry)
        broken[broken.count - 1] ^= 0x01
        let items = readAll(broken + ZVTFrame.encode(authorization))
        #expect(items == [.corrupt(.badCRC(expected: 0x43E0, received: 0x42E0)), .frame(authorization)])
    }

    @Test func aFlippedDataByteIsCorrupt() {
        var broken = ZVTFrame.encode(statusEnquiry)
        broken[5] ^= 0x40
        guard case .corrupt(.badCRC) = readAll(broken).first else {
            Issue.record("a flipped byte passed the CRC")
            return
        }
    }

    @Test func aFrameCutOffByANewFrameResyncs() {
        // The terminal starts again mid-frame: DLE STX inside a frame.
        let cut = Array(ZVTFrame.encode(authorization).prefix(6))
        let items = readAll(cut + ZVTFrame.encode(statusEnquiry))
        #expect(items.count == 2)
        guard case .corrupt(.unexpected) = items.first else {
            Issue.record("DLE STX inside a frame was not reported")
            return
        }
        #expect(items.last == .frame(statusEnquiry))
    }

    @Test func dleFollowedByJunkIsCorruptThenResyncsAtThatByte() {
        // DLE 41 inside a frame; the 41 and what follows are read between frames.
        let items = readAll(hex("10 02 06 01 10 41 06") + ZVTFrame.encode(statusEnquiry))
        #expect(items.count == 4)
        guard case .corrupt = items.first else {
            Issue.record("DLE 41 inside a frame was not corrupt")
            return
        }
        #expect(Array(items.dropFirst()) == [.noise([0x41]), .ack, .frame(statusEnquiry)])
    }

    @Test func aWellFramedButMalformedAPDUIsCorrupt() {
        // Length says 7, 3 bytes follow; the CRC is right for these bytes.
        let apdu = hex("06 01 07 04 00 00")
        let crc = ZVTCRC.checksum(apdu + [ZVTFrame.etx])
        let frame = [ZVTFrame.dle, ZVTFrame.stx] + apdu + [ZVTFrame.dle, ZVTFrame.etx, UInt8(crc & 0xFF), UInt8(crc >> 8)]
        guard case .corrupt(.truncated) = readAll(frame).first else {
            Issue.record("a frame with a short APDU was read")
            return
        }
    }

    @Test func truncatedGarbageWaitsAndResetForgetsIt() {
        var reader = ZVTFrameReader()
        reader.feed(hex("10 02 06 01 07 04 00"))
        #expect(reader.next() == nil)
        reader.reset()
        reader.feed(ZVTFrame.encode(statusEnquiry))
        #expect(reader.next() == .frame(statusEnquiry))
        #expect(reader.next() == nil)
    }

    @Test func anEndlessFrameIsDroppedAtTheLimit() {
        let limit = ZVTFrameReader.maximumFrameLength
        var reader = ZVTFrameReader()
        reader.feed([ZVTFrame.dle, ZVTFrame.stx])
        reader.feed([UInt8](repeating: 0x41, count: limit + 10))
        #expect(reader.next() == .corrupt(.frameTooLong(limit + 1)))
        // The rest of it is stray bytes; the next frame reads.
        reader.feed(ZVTFrame.encode(statusEnquiry))
        #expect(reader.next() == .noise([UInt8](repeating: 0x41, count: 9)))
        #expect(reader.next() == .frame(statusEnquiry))
        #expect(reader.next() == nil)
    }

    @Test func longNoiseComesInBoundedPieces() {
        let noise = [UInt8](repeating: 0x20, count: 2500)
        let items = readAll(noise + [ZVTFrame.ack])
        let piece = ZVTFrameReader.maximumNoiseLength
        #expect(items == [.noise(Array(noise[..<piece])), .noise(Array(noise[piece..<2 * piece])),
                          .noise(Array(noise[(2 * piece)...])), .ack])
    }
}
