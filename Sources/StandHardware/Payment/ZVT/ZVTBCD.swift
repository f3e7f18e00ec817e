/// Packed BCD, two decimal digits a byte, high nibble first: 1.54 EUR in the 6-byte amount field
/// is `00 00 00 00 01 54`.
public enum ZVTBCD {
    /// The largest value `byteCount` bytes hold: 10^(2 × byteCount) − 1, saturating at
    /// `UInt64.max` for 10 bytes and more.
    public static func maximum(byteCount: Int) -> UInt64 {
        var maximum: UInt64 = 0
        for _ in 0..<max(0, byteCount * 2) {
            let (times10, overflow) = maximum.multipliedReportingOverflow(by: 10)
            guard !overflow, times10 <= UInt64.max - 9 else { return .max }
            maximum = times10 + 9
        }
        return maximum
    }

    /// `value` in `byteCount` bytes, padded with zeros on the left. The value must fit
    /// (`maximum(byteCount:)`): the typed builders check it and throw `valueOutOfRange` first.
    public static func encode(_ value: UInt64, byteCount: Int) -> [UInt8] {
        precondition(byteCount >= 0 && value <= maximum(byteCount: byteCount), "\(value) does not fit \(byteCount) BCD bytes")
        var bytes = [UInt8](repeating: 0, count: byteCount)
        var rest = value
        for index in stride(from: byteCount - 1, through: 0, by: -1) where rest > 0 {
            let low = UInt8(rest % 10)
            rest /= 10
            let high = UInt8(rest % 10)
            rest /= 10
            bytes[index] = high << 4 | low
        }
        return bytes
    }

    /// The number the bytes spell. Throws `badBCD` naming `field` when a nibble is above 9.
    public static func decode(_ bytes: some Collection<UInt8>, field: String) throws(ZVTError) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes {
            for nibble in [byte >> 4, byte & 0x0F] {
                guard nibble <= 9 else { throw .badBCD(field: field) }
                let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow, times10 <= UInt64.max - UInt64(nibble) else {
                    throw .badLength(what: "the \(field) has \(bytes.count * 2) digits, more than a number holds")
                }
                value = times10 + UInt64(nibble)
            }
        }
        return value
    }

    /// The digits the bytes spell, leading zeros kept: `00 12 34 56` → "00123456".
    public static func digits(_ bytes: some Collection<UInt8>, field: String) throws(ZVTError) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            for nibble in [byte >> 4, byte & 0x0F] {
                guard nibble <= 9 else { throw .badBCD(field: field) }
                digits.append(UInt8(ascii: "0") + nibble)
            }
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The bytes of a string of decimal digits (an even number of them), or nil.
    static func bytes(ofDigits text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2),
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { index in
            (digits[index] - UInt8(ascii: "0")) << 4 | (digits[index + 1] - UInt8(ascii: "0"))
        }
    }
}
