/// The checksum of a ZVT serial frame: CRC-16/KERMIT (CCITT polynomial, reflected: 0x8408;
/// initial value 0; no final xor) over the unstuffed APDU and the ETX byte. It goes on the line
/// low byte first. (Some libraries call it XMODEM; XMODEM is the unreflected variant and gives
/// other values.)
public enum ZVTCRC {
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc >> 8) ^ table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)]
        }
        return crc
    }

    private static let table: [UInt16] = (0...255).map { index in
        var crc = UInt16(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0x8408 : crc >> 1
        }
        return crc
    }
}
