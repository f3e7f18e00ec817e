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
