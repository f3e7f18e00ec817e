/// Why a QR code could not be made.
public enum QRCodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The payload does not fit in a version-40 symbol at this error correction level.
    case dataTooLong(bytes: Int, maximum: Int, errorCorrection: QRErrorCorrection)
    /// The requested version is outside 1…40.
    case invalidVersion(Int)

    public var description: String {
        switch self {
        case .dataTooLong(let bytes, let maximum, let level):
            "\(bytes) bytes do not fit in a QR code at error correction \(level.rawValue) (at most \(maximum)). Shorten the text or use a lower error correction level."
        case .invalidVersion(let version):
            "QR code version \(version) does not exist; versions are 1 to 40."
        }
    }
}
