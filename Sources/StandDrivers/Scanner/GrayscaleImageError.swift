/// Why an image file could not be read for scanning.
public enum GrayscaleImageError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unsupportedFormat(path: String)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "Cannot read \(path) (\(reason)). Check the path and its permissions."
        case .unsupportedFormat(let path):
            "\(path) is not a PNG, PGM or PBM image. Convert it to PNG and try again."
        case .invalid(let path, let reason):
            "\(path) is a damaged image: \(reason). Export it again."
        }
    }
}
