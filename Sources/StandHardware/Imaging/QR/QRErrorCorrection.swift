/// How much of a QR code may be damaged and still read: about 7 %, 15 %, 25 % or 30 %.
public enum QRErrorCorrection: String, Hashable, Sendable, Codable, CaseIterable {
    case low = "L"
    case medium = "M"
    case quartile = "Q"
    case high = "H"

    /// The two bits the format information uses (ISO/IEC 18004 table 12: L 01, M 00, Q 11, H 10).
    var formatBits: Int {
        switch self {
        case .low: 1
        case .medium: 0
        case .quartile: 3
        case .high: 2
        }
    }

    /// Row index into the capacity tables.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }
}
