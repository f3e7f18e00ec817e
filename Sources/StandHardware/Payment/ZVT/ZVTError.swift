/// Why bytes from or for a ZVT card terminal could not be read or written: what happened in
/// words, with the bytes' detail for the log. A session answers a frame it cannot read with NAK
/// and an APDU it cannot read with `84 xx`; the operator sees the description only when that
/// keeps happening.
public enum ZVTError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes ended inside `what` ("the amount (BMP 04)", "the APDU header").
    case truncated(what: String)
    /// A serial frame's CRC-16/KERMIT did not match: `expected` is what the bytes give,
    /// `received` what the frame carried.
    case badCRC(expected: UInt16, received: UInt16)
    /// A field (BMP) tag outside ZVT's table: its length cannot be known, so nothing after it
    /// can be read.
    case unknownField(tag: UInt8)
    /// A packed BCD field with a nibble above 9 (or a masked PAN with an impossible one).
    case badBCD(field: String)
    /// A length that disagrees with the bytes or the format: `what` names the thing and both
    /// numbers.
    case badLength(what: String)
    /// A BER-TLV structure (BMP 06) that does not hold together.
    case malformedTLV(String)
    /// A serial frame grew to this many bytes without its end (DLE ETX).
    case frameTooLong(Int)
    /// A number that does not fit the field it goes into (an amount of 13 digits, a negative
    /// amount, a password of 7 digits).
    case valueOutOfRange(field: String, value: Int64, allowed: ClosedRange<Int64>)
    /// Anything else that breaks the protocol, described in the string.
    case unexpected(String)

    public var description: String {
        switch self {
        case .truncated(let what):
            "A card terminal message ended in the middle of \(what): the line lost bytes, or the terminal speaks "
                + "another ZVT version."
        case .badCRC(let expected, let received):
            "A frame from the card terminal failed its checksum (the bytes give \(ZVTHex.text(expected)), the frame says "
                + "\(ZVTHex.text(received))): the serial line garbles data; check the cable and that the stand and the "
                + "terminal use the same baud rate."
        case .unknownField(let tag):
            "A card terminal message holds field (BMP) \(ZVTHex.text(tag)), which is not in ZVT's field table, so the "
                + "rest of it cannot be read: the terminal may speak a newer ZVT version than the stand."
        case .badBCD(let field):
            "The \(field) in a card terminal message is not a decimal number (a BCD digit above 9): the message is "
                + "garbled."
        case .badLength(let what):
            "A card terminal message has a wrong length: \(what)."
        case .malformedTLV(let detail):
            "The TLV data (BMP 06) in a card terminal message is malformed: \(detail)."
        case .frameTooLong(let count):
            "The card terminal sent \(count) bytes without ending the frame: the line is garbled or the device on it "
                + "does not speak ZVT; check the configured port and baud rate."
        case .valueOutOfRange(let field, let value, let allowed):
            "The \(field) \(value) does not fit a ZVT message, which takes \(allowed.lowerBound)…\(allowed.upperBound)."
        case .unexpected(let detail):
            detail
        }
    }

    /// The device error a card terminal driver reports for it.
    public var deviceError: DeviceError {
        switch self {
        case .valueOutOfRange: .invalidInput(.paymentTerminal, description)
        default: .protocolViolation(.paymentTerminal, detail: description)
        }
    }
}
