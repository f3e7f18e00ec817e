/// What the terminal is doing while the customer pays (`04 FF`): its status code, how long it
/// may take, and optional TLV data. The ECR shows `text` and restarts its timeout.
public struct ZVTIntermediateStatus: Hashable, Sendable {
    public let code: UInt8
    /// Seconds the terminal gives this step, when it says.
    public let timeout: UInt8?
    /// The TLV container's objects; empty when the message has none.
    public let tlv: [ZVTTLV]

    public init(code: UInt8, timeout: UInt8? = nil, tlv: [ZVTTLV] = []) {
        self.code = code
        self.timeout = timeout
        self.tlv = tlv
    }

    /// Reads the data of `04 FF`: status byte, optional timeout byte, optional BMP 06.
    init(data: [UInt8]) throws(ZVTError) {
        guard let code = data.first else { throw .truncated(what: "the intermediate status (04 FF) byte") }
        let rest = Array(data.dropFirst())
        // A timeout byte of 06 looks like the start of a TLV container: a container is taken only
        // when it spans exactly the rest.
        if rest.first == 0x06, let container = try? Self.container(rest) {
            self.init(code: code, tlv: container)
            return
        }
        guard let timeout = rest.first else {
            self.init(code: code)
            return
        }
        let tail = Array(rest.dropFirst())
        let tlv = try tail.isEmpty ? [] : Self.container(tail)
        self.init(code: code, timeout: timeout, tlv: tlv)
    }

    var data: [UInt8] {
        get throws(ZVTError) {
            var data = [code]
            if let timeout { data.append(timeout) }
            if !tlv.isEmpty {
                data += try ZVTFields.encode([ZVTField(tag: 0x06, value: ZVTTLV.encode(tlv))])
            }
            return data
        }
    }

    private static func container(_ bytes: [UInt8]) throws(ZVTError) -> [ZVTTLV] {
        let fields = try ZVTFields.decode(bytes)
        guard fields.count == 1, fields[0].tag == 0x06 else {
            throw .unexpected("An intermediate status (04 FF) from the card terminal ends in \(ZVTHex.spaced(bytes)) "
                + "where only a TLV container (BMP 06) may follow the status and timeout bytes.")
        }
        return try ZVTTLV.decode(fields[0].value)
    }

    /// The status in the words the terminal shows.
    public var text: String {
        Self.text(for: code)
    }

    static func text(for code: UInt8) -> String {
        switch code {
        case 0x00: "waiting for amount confirmation"
        case 0x01, 0x02: "please watch the PIN pad"
        case 0x03: "not accepted"
        case 0x04: "waiting for the host"
        case 0x05: "sending auto-reversal"
        case 0x06: "sending post-bookings"
        case 0x07: "card not admitted"
        case 0x08: "card unknown"
        case 0x09: "expired card"
        case 0x0A: "insert card"
        case 0x0B: "please remove card"
        case 0x0C: "card not readable"
        case 0x0D: "processing error"
        case 0x0E, 0x17: "please wait"
        case 0x0F: "automatic end-of-day batch"
        case 0x10: "invalid card"
        case 0x11: "balance display"
        case 0x12: "system malfunction"
        case 0x13: "payment not possible"
        case 0x14: "credit not sufficient"
        case 0x15: "incorrect PIN"
        case 0x16: "limit not sufficient"
        case 0x18: "PIN try limit exceeded"
        case 0x19: "card data incorrect"
        case 0x1A: "service mode"
        case 0x1B: "approved, please fill up"
        case 0x1C: "approved, please take goods"
        case 0x1D: "declined"
        case 0x26: "waiting for the mobile number"
        case 0x27: "waiting for the mobile number again"
        case 0x28: "currency selection, please wait"
        case 0x29: "language selection, please wait"
        case 0x2A: "insert card for loading"
        case 0x2B: "emergency transaction, please wait"
        case 0x2C: "application selection, please wait"
        // 41–5D: the texts of 01–1D with "remove card" on the second line.
        case 0x41...0x5D: text(for: code - 0x40) + ", remove card"
        default: "terminal status \(ZVTHex.text(code))"
        }
    }
}
