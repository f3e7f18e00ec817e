/// A one-dimensional barcode printed with `GS k m n d1…dn` (function B: the length is given).
public enum Barcode: Hashable, Sendable {
    /// 13 digits with a correct check digit, or 12 digits and the check digit is computed.
    case ean13(String)
    /// Printable ASCII (0x20–0x7E), sent in code set B (`{B` prefix); `{` is doubled as `{{`.
    case code128(String)
    /// Digits, capital letters, space and `$ % + - . /`; the printer adds the `*` start and stop.
    case code39(String)

    /// The symbology name used in errors and docs.
    public var symbology: String {
        switch self {
        case .ean13: "EAN-13"
        case .code128: "CODE128"
        case .code39: "CODE39"
        }
    }

    /// `m` of `GS k m n`: 67 EAN-13, 73 CODE128, 69 CODE39.
    public var escPosType: UInt8 {
        switch self {
        case .ean13: 67
        case .code128: 73
        case .code39: 69
        }
    }

    /// The bytes after `n`: the full 13 EAN digits, for CODE128 `{C` + digit pairs (an even
    /// number of digits, at least 4) or `{B` + the text, the CODE39 text.
    public func payload() throws(EscPosError) -> [UInt8] {
        let bytes: [UInt8]
        switch self {
        case .ean13(let digits):
            bytes = Array(try Barcode.checkedEAN13(digits).utf8)
        case .code128(let text):
            guard !text.isEmpty else { throw .invalidBarcode(symbology: symbology, data: text, reason: "it is empty") }
            guard text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
                throw .invalidBarcode(symbology: symbology, data: text,
                                      reason: "code set B holds only printable ASCII (letters, digits, punctuation, space)")
            }
            if text.count >= 4, text.count % 2 == 0, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                // Code set C: one symbol per pair of digits, half the width of set B.
                let digits = text.utf8.map { $0 - 0x30 }
                bytes = Array("{C".utf8) + stride(from: 0, to: digits.count, by: 2).map { digits[$0] * 10 + digits[$0 + 1] }
            } else {
                bytes = Array("{B".utf8) + text.utf8.flatMap { $0 == UInt8(ascii: "{") ? [$0, $0] : [$0] }
            }
        case .code39(let text):
            guard !text.isEmpty else { throw .invalidBarcode(symbology: symbology, data: text, reason: "it is empty") }
            let allowed = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%+-./".utf8)
            guard text.utf8.allSatisfy(allowed.contains) else {
                throw .invalidBarcode(symbology: symbology, data: text,
                                      reason: "CODE39 holds only digits, capital letters, space and $ % + - . /")
            }
            bytes = Array(text.utf8)
        }
        guard bytes.count <= 255 else {
            throw .invalidBarcode(symbology: symbology, data: String(decoding: bytes.prefix(20), as: UTF8.self) + "…",
                                  reason: "\(bytes.count) bytes is more than the 255 one command carries")
        }
        return bytes
    }

    /// The EAN-13 check digit of twelve digits: weights 1, 3, 1, 3… from the left, then the
    /// amount to the next multiple of ten.
    public static func ean13CheckDigit(_ twelveDigits: String) -> Character? {
        let digits = twelveDigits.compactMap(\.wholeNumberValue)
        guard digits.count == 12, twelveDigits.count == 12, twelveDigits.allSatisfy(\.isASCII) else { return nil }
        var sum = 0
        for (index, digit) in digits.enumerated() {
            sum += index % 2 == 0 ? digit : digit * 3
        }
        return Character(String((10 - sum % 10) % 10))
    }

    private static func checkedEAN13(_ digits: String) throws(EscPosError) -> String {
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count == 12 || digits.count == 13 else {
            throw .invalidBarcode(symbology: "EAN-13", data: digits, reason: "it needs 12 or 13 digits and nothing else")
        }
        guard let check = ean13CheckDigit(String(digits.prefix(12))) else {
            throw .invalidBarcode(symbology: "EAN-13", data: digits, reason: "it needs 12 or 13 digits and nothing else")
        }
        if digits.count == 13, digits.last != check {
            throw .wrongCheckDigit(data: digits, expected: check)
        }
        return String(digits.prefix(12)) + String(check)
    }
}
