/// The Adler-32 checksum that ends every zlib stream (RFC 1950).
public enum Adler32 {
    private static let modulus: UInt32 = 65521

    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        var pending = 0
        for byte in bytes {
            a += UInt32(byte)
            b += a
            pending += 1
            // 5552 bytes is the most that cannot overflow 32 bits before reducing.
            if pending == 5552 {
                a %= modulus
                b %= modulus
                pending = 0
            }
        }
        return (b % modulus) << 16 | (a % modulus)
    }
}
