import Testing
@testable import StandHardware

/// Random and mutated bytes through every reader of the codec: each input must end in a value or
/// a `ZVTError` (a trap would end the test process, a loop would never finish), and what reads
/// must write back to the same value. Seeded, so a failure repeats: the message names the seed,
/// the round and the input.
@Suite struct ZVTFuzzTests {
    enum Target: String, CaseIterable, Sendable {
        case frameReader, apdu, fields, tlv, messages
    }

    static let seed: UInt64 = 0x2026_0C0D_EC0D_E001
    /// 200 000 inputs in all, shared by the five targets (which run in parallel).
    static let roundsPerTarget = 40_000

    @Test(arguments: Target.allCases)
    func randomAndMutatedInputsEndInAValueOrAnError(target: Target) throws {
        var random = SeededGenerator(seed: Self.seed &+ UInt64(Target.allCases.firstIndex(of: target)!))
        let material = try Self.material(for: target)
        var failures: [String] = []
        for round in 0..<Self.roundsPerTarget where failures.count < 5 {
            let input = switch round % 3 {
            case 0: Self.randomBytes(using: &random)
            case 1: Self.meaningfulBytes(using: &random)
            default: Self.mutate(material[Int(random.next() % UInt64(material.count))], using: &random)
            }
            if let failure = Self.check(target, input, using: &random) {
                failures.append("seed \(Self.seed) \(target) round \(round): \(failure); input \(ZVTHex.spaced(input))")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// One reader fed all the garbage, one piece after another, never reset: afterwards a good
    /// frame still reads.
    @Test func oneReaderThroughAllTheGarbage() throws {
        var random = SeededGenerator(seed: Self.seed)
        let frames = try Self.validAPDUs().map(ZVTFrame.encode)
        var reader = ZVTFrameReader()
        for round in 0..<5_000 {
            reader.feed(round.isMultiple(of: 2) ? Self.meaningfulBytes(using: &random) : Self.mutate(frames[round % frames.count], using: &random))
            while reader.next() != nil {}
        }
        // Whatever state the garbage left, a frame that starts cleanly reads: at worst the end
        // of a broken frame (DLE ETX + CRC) swallows it, so it is sent twice, as the terminal would.
        let apdu = ZVTAPDU.positiveAcknowledgement
        reader.feed(ZVTFrame.encode(apdu) + ZVTFrame.encode(apdu))
        var items: [ZVTFrameReader.Item] = []
        while let item = reader.next() { items.append(item) }
        #expect(items.contains(.frame(apdu)), "\(items)")
    }

    // MARK: Inputs

    /// Valid APDUs of every kind, the material mutations start from.
    static func validAPDUs() throws -> [ZVTAPDU] {
        let commands: [ZVTCommand] = [
            .registration(password: 123456, config: 0xBA, currency: 978, serviceByte: 1, acceptedCommands: [0x06D3, 0x06D1]),
            .authorization(amount: 1010, currency: 978), .logOff, .abort, .reversal(password: 123456, receiptNumber: 42),
            .refund(password: 123456, amount: 250), .endOfDay(password: 0), .repeatReceipt(password: 1),
            .statusEnquiry(password: 123456, serviceByte: 3),
        ]
        let totals = ZVTTotals(firstReceiptNumber: 1, lastReceiptNumber: 9, visa: .init(count: 2, turnover: 1010))
        let messages: [ZVTTerminalMessage] = [
            .acknowledged, .refused(code: 0x9C),
            .intermediateStatus(ZVTIntermediateStatus(code: 0x0A, timeout: 16, tlv: [ZVTTLV(tag: 0x24, children: [ZVTTLV(tag: 0x07, value: [0x41])])])),
            .statusInformation(try ZVTStatusInformation(
                resultCode: 0, amount: 1010, currency: 978, traceNumber: 10, receiptNumber: 10, date: ZVTDate(month: 10, day: 10),
                time: ZVTTime(hour: 10, minute: 10, second: 10), maskedPAN: "6726****1010", terminalID: "10101010",
                vuNumber: "VU10", cardName: "girocard", additionalText: "Danke", totals: totals)),
            .completion(try ZVTCompletion(resultCode: 0, statusByte: 0x10, terminalID: "12345678", currency: 978)),
            .abort(resultCode: 0x6C, text: "Abbruch"),
            .printLine(attribute: 0x10, text: "Händler-Beleg"),
            .printTextBlock(ZVTTextBlock(receiptType: .merchant, lines: ["Kartenzahlung", "EUR 10,10", "Zahlung erfolgt"])),
        ]
        return try commands.map { command throws(ZVTError) in try command.apdu }
            + messages.map { message throws(ZVTError) in try message.apdu }
    }

    /// What each target's mutations start from: frames, APDUs, their data (field lists, TLV).
    static func material(for target: Target) throws -> [[UInt8]] {
        let apdus = try validAPDUs()
        return switch target {
        case .frameReader: apdus.map(ZVTFrame.encode)
        case .apdu, .messages: apdus.map(\.bytes)
        case .fields: apdus.map(\.data).filter { (try? ZVTFields.decode($0)) != nil }
        case .tlv: apdus.compactMap { apdu in (try? ZVTFields.decode(apdu.data))?.first { $0.tag == 0x06 }?.value }
        }
    }

    static let headers: [(UInt8, UInt8)] = [
        (0x04, 0xFF), (0x04, 0x0F), (0x06, 0x0F), (0x06, 0x1E), (0x06, 0xD1), (0x06, 0xD3), (0x80, 0x00), (0x84, 0x9A),
        (0x06, 0x00), (0x06, 0x01), (0x06, 0x02), (0x06, 0x30), (0x06, 0x31), (0x06, 0x50), (0x06, 0x20), (0x05, 0x01),
        (0x06, 0xB0), (0x06, 0x93),
    ]

    /// Bytes that mean something to one of the readers, to reach deeper than uniform noise.
    static let meaningful: [UInt8] = [0x10, 0x02, 0x03, 0x06, 0x15, 0xFF, 0x1F, 0x25, 0x07, 0x81, 0x82, 0xF0, 0xF1, 0xF9,
                                      0x27, 0x04, 0x22, 0x3C, 0x60, 0x0E, 0x00, 0x80]

    static func randomBytes(using random: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        let count = Int(random.next() % 49)
        while bytes.count < count {
            withUnsafeBytes(of: random.next()) { bytes += $0.prefix(count - bytes.count) }
        }
        return bytes
    }

    /// Half of the bytes taken from `meaningful`.
    static func meaningfulBytes(using random: inout SeededGenerator) -> [UInt8] {
        randomBytes(using: &random).map { byte in
            byte & 1 == 0 ? meaningful[Int(byte >> 1) % meaningful.count] : byte
        }
    }

    /// One to three of: a bit flipped, a byte replaced, inserted or deleted, a DLE inserted, the
    /// end cut off, a piece repeated.
    static func mutate(_ bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        for _ in 0...(random.next() % 3) {
            let value = random.next()
            let index = bytes.isEmpty ? 0 : Int(value >> 32) % bytes.count
            let byte = UInt8(truncatingIfNeeded: value >> 8)
            switch value % 7 {
            case 0 where !bytes.isEmpty: bytes[index] ^= 1 << (byte & 7)
            case 1 where !bytes.isEmpty: bytes[index] = byte
            case 2: bytes.insert(byte, at: index)
            case 3 where !bytes.isEmpty: bytes.remove(at: index)
            case 4: bytes.insert(ZVTFrame.dle, at: index)
            case 5: bytes.removeLast(bytes.count - index)
            case 6 where !bytes.isEmpty:
                let end = index + Int(byte) % (bytes.count - index + 1)
                bytes.insert(contentsOf: bytes[index..<end], at: end)
            default: bytes.append(byte)
            }
        }
        return bytes
    }

    // MARK: Checks

    /// Runs `input` through `target`; what went wrong, or nil.
    static func check(_ target: Target, _ input: [UInt8], using random: inout SeededGenerator) -> String? {
        switch target {
        case .frameReader:
            // Fed in random pieces; every call must make progress and every frame hold an APDU.
            var reader = ZVTFrameReader()
            var fed = 0
            var items = 0
            while fed < input.count {
                let piece = 1 + Int(random.next() % UInt64(input.count - fed))
                reader.feed(input[fed..<fed + piece])
                fed += piece
                while let item = reader.next() {
                    items += 1
                    if items > 2 * input.count + 2 { return "the reader made more items than bytes" }
                    if case .frame(let apdu) = item, (try? ZVTAPDU.parse(apdu.bytes)) != apdu { return "a frame's APDU does not read back" }
                }
            }
        case .apdu:
            if let apdu = try? ZVTAPDU.parse(input), (try? ZVTAPDU.parse(apdu.bytes)) != apdu {
                return "an APDU does not read back"
            }
        case .fields:
            if let fields = try? ZVTFields.decode(input), (try? ZVTFields.decode(ZVTFields.encode(fields))) != fields {
                return "fields do not read back"
            }
        case .tlv:
            if let objects = try? ZVTTLV.decode(input) {
                if (try? ZVTTLV.decode(ZVTTLV.encode(objects))) != objects { return "TLV objects do not read back" }
                for object in objects { _ = try? object.children }
            }
        case .messages:
            let header = headers[Int(random.next() % UInt64(headers.count))]
            let apdu = (try? ZVTAPDU.parse(input)) ?? ZVTAPDU(header.0, header.1, data: input)
            if let message = try? ZVTTerminalMessage.decode(apdu) {
                guard let encoded = try? message.apdu else { return "\(message) does not encode" }
                guard let again = try? ZVTTerminalMessage.decode(encoded) else { return "\(message) does not read back" }
                if again != message { return "\(message) reads back as \(again)" }
            }
            if let command = try? ZVTCommand.decode(apdu) {
                guard let encoded = try? command.apdu else { return "\(command) does not encode" }
                guard let again = try? ZVTCommand.decode(encoded) else { return "\(command) does not read back" }
                if again != command { return "\(command) reads back as \(again)" }
            }
        }
        return nil
    }
}
