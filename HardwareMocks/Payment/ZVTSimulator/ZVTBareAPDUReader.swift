import StandHardware

/// Cuts the byte stream of a TCP connection into APDUs, which travel there without framing: each
/// is as long as its header says (`class instr len`, or `class instr FF lo hi`).
struct ZVTBareAPDUReader {
    private var buffer: [UInt8] = []

    mutating func feed(_ bytes: [UInt8]) {
        buffer += bytes
    }

    mutating func reset() {
        buffer = []
    }

    /// The next whole APDU, or nil until its last byte has come.
    mutating func next() -> ZVTAPDU? {
        guard buffer.count >= 3 else { return nil }
        var headerCount = 3
        var length = Int(buffer[2])
        if length == 0xFF {
            guard buffer.count >= 5 else { return nil }
            headerCount = 5
            length = Int(buffer[3]) | Int(buffer[4]) << 8
        }
        guard buffer.count >= headerCount + length else { return nil }
        let apdu = ZVTAPDU(buffer[0], buffer[1], data: Array(buffer[headerCount..<headerCount + length]))
        buffer.removeFirst(headerCount + length)
        return apdu
    }
}
