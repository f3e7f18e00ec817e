import StandHardware

/// Cuts what a keyboard-wedge scanner types into scans: the characters up to Enter (through
/// `KeyboardWedgeDecoder`). A scanner types a whole code within milliseconds, so characters
/// separated by a pause longer than `characterGap` do not belong together: what came before the
/// pause (a half-read code, a stray key) is dropped.
struct KeyboardWedgeTyping: Sendable {
    private let terminators: Set<UInt16>
    private let characterGapMilliseconds: UInt64
    private var decoder: KeyboardWedgeDecoder
    private var lastKeyMilliseconds: UInt64?

    init(terminators: Set<UInt16>, characterGap: Duration) {
        self.terminators = terminators
        characterGapMilliseconds = UInt64(max(0, characterGap.components.seconds)) * 1000
            + UInt64(max(0, characterGap.components.attoseconds) / 1_000_000_000_000_000)
        decoder = KeyboardWedgeDecoder(terminators: terminators)
    }

    /// Feeds one evdev record; returns the typed code when it is complete.
    mutating func accept(_ event: InputEvent) -> String? {
        guard event.type == InputEvent.key else { return nil }
        let time = event.timestampMilliseconds
        if let last = lastKeyMilliseconds, time > last, time - last > characterGapMilliseconds {
            decoder = KeyboardWedgeDecoder(terminators: terminators)
        }
        lastKeyMilliseconds = time
        return decoder.decode(event)
    }

    /// What a wedge read, when it does not say: retail numbers by their length and check digit
    /// (EAN-13, EAN-8, UPC-A), anything else as a QR code, the codes StandKit prints.
    static func symbology(of payload: String) -> Symbology {
        guard payload.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .qr }
        let digits = payload.compactMap(\.wholeNumberValue)
        switch digits.count {
        case 13 where Barcode.ean13CheckDigit(String(payload.prefix(12))) == payload.last: return .ean13
        case 12 where hasValidCheckDigit(digits): return .upcA
        case 8 where hasValidCheckDigit(digits): return .ean8
        default: return .qr
        }
    }

    /// UPC-A and EAN-8: weights 3, 1, 3, … from the left over all but the last digit.
    private static func hasValidCheckDigit(_ digits: [Int]) -> Bool {
        let sum = digits.dropLast().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10 == digits.last
    }
}
