/// One ZVT application message: class byte, instruction byte, length, data. The length is one
/// byte up to 254; above, `FF` then two bytes little-endian.
public struct ZVTAPDU: Hashable, Sendable, CustomStringConvertible {
    /// The most data one APDU carries (the extended length's two bytes).
    public static let maximumDataCount = 0xFFFF

    public let commandClass: UInt8
    public let instruction: UInt8
    public let data: [UInt8]

    /// `data` must hold at most `maximumDataCount` bytes; the message builders check it and
    /// throw `badLength` first.
    public init(_ commandClass: UInt8, _ instruction: UInt8, data: [UInt8] = []) {
        precondition(data.count <= Self.maximumDataCount, "an APDU carries at most \(Self.maximumDataCount) bytes")
        self.commandClass = commandClass
        self.instruction = instruction
        self.data = data
    }

    /// `80 00 00`: the receiver took the message.
    public static let positiveAcknowledgement = ZVTAPDU(0x80, 0x00)

    /// `84 code 00`: the receiver refused the message; `code` is a result code (`ZVTResultCode`),
    /// `83` for a command it does not know.
    public static func negativeAcknowledgement(_ code: UInt8) -> ZVTAPDU {
        ZVTAPDU(0x84, code)
    }

    public var isPositiveAcknowledgement: Bool {
        commandClass == 0x80 && instruction == 0x00 && data.isEmpty
    }

    /// The bytes on the wire (inside the serial frame, or bare over TCP).
    public var bytes: [UInt8] {
        var bytes = [commandClass, instruction]
        if data.count < 0xFF {
            bytes.append(UInt8(data.count))
        } else {
            bytes += [0xFF, UInt8(data.count & 0xFF), UInt8(data.count >> 8)]
        }
        return bytes + data
    }

    /// Reads exactly one APDU: the length it states must be the bytes that follow.
    public static func parse(_ bytes: [UInt8]) throws(ZVTError) -> ZVTAPDU {
        guard bytes.count >= 3 else { throw .truncated(what: "the APDU header (\(bytes.count) of 3 bytes)") }
        var headerCount = 3
        var length = Int(bytes[2])
        if length == 0xFF {
            guard bytes.count >= 5 else { throw .truncated(what: "the APDU's extended length (\(bytes.count) of 5 bytes)") }
            headerCount = 5
            length = Int(bytes[3]) | Int(bytes[4]) << 8
        }
        let dataCount = bytes.count - headerCount
        guard dataCount == length else {
            let header = ZVTHex.spaced(bytes.prefix(2))
            if dataCount < length {
                throw .truncated(what: "APDU \(header): its length says \(length) data bytes, \(dataCount) came")
            }
            throw .badLength(what: "APDU \(header) says \(length) data bytes, but \(dataCount) follow")
        }
        return ZVTAPDU(bytes[0], bytes[1], data: Array(bytes[headerCount...]))
    }

    /// "06 01 (Authorization, 7 bytes)".
    public var description: String {
        let code = ZVTHex.spaced([commandClass, instruction])
        let count = data.count == 1 ? "1 byte" : "\(data.count) bytes"
        guard let name = Self.name(commandClass, instruction) else { return "\(code) (\(count))" }
        return "\(code) (\(name), \(count))"
    }

    /// The ZVT name of a command, or nil for one StandKit does not name.
    static func name(_ commandClass: UInt8, _ instruction: UInt8) -> String? {
        switch (commandClass, instruction) {
        case (0x80, 0x00): "Acknowledgement"
        case (0x84, _): "Negative acknowledgement"
        case (0x04, 0x0F): "Status information"
        case (0x04, 0xFF): "Intermediate status"
        case (0x05, 0x01): "Status enquiry"
        case (0x06, 0x00): "Registration"
        case (0x06, 0x01): "Authorization"
        case (0x06, 0x02): "Log-off"
        case (0x06, 0x0F): "Completion"
        case (0x06, 0x1E): "Abort"
        case (0x06, 0x20): "Repeat receipt"
        case (0x06, 0x30): "Reversal"
        case (0x06, 0x31): "Refund"
        case (0x06, 0x50): "End-of-day"
        case (0x06, 0xB0): "Abort (ECR)"
        case (0x06, 0xD1): "Print line"
        case (0x06, 0xD3): "Print text block"
        default: nil
        }
    }
}
