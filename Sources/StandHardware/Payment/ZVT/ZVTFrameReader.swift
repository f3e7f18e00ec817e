/// Reads what the card terminal sends on a serial line, byte by byte as it arrives, into frames,
/// ACK/NAK bytes, frames that failed, and stray bytes.
///
/// Feed it whatever the line delivered, then call `next()` until it returns nil. It holds at most
/// one frame (`maximumFrameLength`) and one run of stray bytes (`maximumNoiseLength`) besides the
/// bytes fed and not yet read, and every call to `next()` either reads a byte or hands out an
/// item, so no input makes it crash, loop or grow without bound.
public struct ZVTFrameReader: Sendable {
    public enum Item: Hashable, Sendable {
        /// A frame whose CRC matched, holding one well-formed APDU: answer ACK.
        case frame(ZVTAPDU)
        case ack
        case nak
        /// A frame that arrived broken (CRC, stuffing, length, too long): answer NAK so the
        /// terminal repeats it.
        case corrupt(ZVTError)
        /// Bytes outside any frame that are neither ACK nor NAK, one run at a time.
        case noise([UInt8])
    }

    /// The longest frame (unstuffed) read before giving up on it: above the largest APDU
    /// (5 + 65 535 bytes).
    public static let maximumFrameLength = 70_000
    /// The longest run of stray bytes reported as one `.noise` item; a longer run comes in pieces.
    public static let maximumNoiseLength = 1024

    private enum State: Sendable {
        /// Between frames.
        case idle
        /// Between frames, after a DLE: an STX starts a frame.
        case idleAfterDLE
        case frame
        case frameAfterDLE
        /// After DLE ETX: the CRC's low byte, then its high byte.
        case checksum(low: UInt8?)
    }

    private var state = State.idle
    private var input: [UInt8] = []
    private var position = 0
    /// The frame's APDU so far, unstuffed.
    private var payload: [UInt8] = []
    private var noise: [UInt8] = []

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        if position > 4096 {
            input.removeFirst(position)
            position = 0
        }
        input.append(contentsOf: bytes)
    }

    /// Forgets everything fed and every partial frame (before a new command, with
    /// `TerminalLine.discardInput()`).
    public mutating func reset() {
        self = ZVTFrameReader()
    }

    /// The next item the bytes fed so far make, or nil when they make no more yet. A run of stray
    /// bytes is reported when something else follows it (a frame, ACK, NAK) or when it reaches
    /// `maximumNoiseLength`.
    public mutating func next() -> Item? {
        while position < input.count {
            let byte = input[position]
            switch state {
            case .idle:
                switch byte {
                case ZVTFrame.ack, ZVTFrame.nak:
                    if let run = takeNoise() { return run }
                    position += 1
                    return byte == ZVTFrame.ack ? .ack : .nak
                case ZVTFrame.dle:
                    position += 1
                    state = .idleAfterDLE
                default:
                    position += 1
                    if let run = addNoise(byte) { return run }
                }
            case .idleAfterDLE:
                if byte == ZVTFrame.stx {
                    if let run = takeNoise() { return run }
                    position += 1
                    state = .frame
                } else {
                    // The DLE was a stray byte; this one is read afresh.
                    state = .idle
                    if let run = addNoise(ZVTFrame.dle) { return run }
                }
            case .frame:
                position += 1
                if byte == ZVTFrame.dle {
                    state = .frameAfterDLE
                } else if let failure = append(byte) {
                    return failure
                }
            case .frameAfterDLE:
                switch byte {
                case ZVTFrame.dle:
                    position += 1
                    state = .frame
                    if let failure = append(byte) { return failure }
                case ZVTFrame.etx:
                    position += 1
                    state = .checksum(low: nil)
                default:
                    // Not consumed: read again as if the DLE had come between frames, so a DLE STX
                    // starts the terminal's next frame.
                    payload = []
                    state = byte == ZVTFrame.stx ? .idleAfterDLE : .idle
                    return .corrupt(.unexpected("A frame from the card terminal holds DLE followed by "
                        + "\(ZVTHex.text(byte)) (only DLE DLE or DLE ETX may follow): the line garbles bytes."))
                }
            case .checksum(let low):
                position += 1
                guard let low else {
                    state = .checksum(low: byte)
                    continue
                }
                state = .idle
                let apdu = payload
                payload = []
                return Self.item(apdu: apdu, received: UInt16(low) | UInt16(byte) << 8)
            }
        }
        input.removeAll(keepingCapacity: input.count <= 4096)
        position = 0
        return nil
    }

    private static func item(apdu: [UInt8], received: UInt16) -> Item {
        let expected = ZVTCRC.checksum(apdu + [ZVTFrame.etx])
        guard expected == received else { return .corrupt(.badCRC(expected: expected, received: received)) }
        do {
            return .frame(try ZVTAPDU.parse(apdu))
        } catch {
            return .corrupt(error)
        }
    }

    /// Adds a byte to the frame; past the limit, drops the frame and reads on between frames.
    private mutating func append(_ byte: UInt8) -> Item? {
        payload.append(byte)
        guard payload.count > Self.maximumFrameLength else { return nil }
        let count = payload.count
        payload = []
        state = .idle
        return .corrupt(.frameTooLong(count))
    }

    private mutating func addNoise(_ byte: UInt8) -> Item? {
        noise.append(byte)
        return noise.count >= Self.maximumNoiseLength ? takeNoise() : nil
    }

    private mutating func takeNoise() -> Item? {
        guard !noise.isEmpty else { return nil }
        defer { noise = [] }
        return .noise(noise)
    }
}
