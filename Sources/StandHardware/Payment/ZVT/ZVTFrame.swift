/// The serial line's framing around an APDU: `DLE STX`, the APDU with every `DLE` doubled,
/// `DLE ETX`, then the CRC low byte and high byte (`ZVTCRC`, not stuffed). Each frame is answered
/// by one byte, `ACK` or `NAK`. Over TCP the APDUs travel bare, without any of this.
public enum ZVTFrame {
    public static let dle: UInt8 = 0x10
    public static let stx: UInt8 = 0x02
    public static let etx: UInt8 = 0x03
    public static let ack: UInt8 = 0x06
    public static let nak: UInt8 = 0x15

    public static func encode(_ apdu: ZVTAPDU) -> [UInt8] {
        let payload = apdu.bytes
        var frame: [UInt8] = [dle, stx]
        frame.reserveCapacity(payload.count + 8)
        for byte in payload {
            frame.append(byte)
            if byte == dle { frame.append(dle) }
        }
        let crc = ZVTCRC.checksum(payload + [etx])
        frame += [dle, etx, UInt8(crc & 0xFF), UInt8(crc >> 8)]
        return frame
    }
}
