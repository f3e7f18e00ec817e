/// A QR / barcode scanner: a camera decoded by zbar, a keyboard-wedge scanner, or virtual.
/// Codes arrive as `DeviceEvent.codeScanned`.
public protocol Scanner: Device {}

/// One code read by a scanner.
public struct ScannedCode: Hashable, Sendable, Codable {
    public let symbology: Symbology
    /// The decoded text (QR payloads are UTF-8; EAN digits).
    public let payload: String

    public init(symbology: Symbology, payload: String) {
        self.symbology = symbology
        self.payload = payload
    }
}

/// The barcode types StandKit reads.
public enum Symbology: String, Hashable, Sendable, Codable, CaseIterable {
    case qr = "QR-Code"
    case ean13 = "EAN-13"
    case ean8 = "EAN-8"
    case code128 = "CODE-128"
    case upcA = "UPC-A"
    case code39 = "CODE-39"
}

extension Symbology {
    /// The name used in configuration files and on the command line: `qr`, `ean13`, `ean8`,
    /// `code128`, `upca`, `code39`.
    public var shortName: String {
        switch self {
        case .qr: "qr"
        case .ean13: "ean13"
        case .ean8: "ean8"
        case .code128: "code128"
        case .upcA: "upca"
        case .code39: "code39"
        }
    }

    /// The symbology with this short name; case, `-` and `_` do not matter (`EAN-13`, `Code_128`).
    public init?(shortName: String) {
        let key = shortName.lowercased().filter { $0.isLetter || $0.isNumber }
        guard let match = Symbology.allCases.first(where: { $0.shortName == key }) else { return nil }
        self = match
    }
}
