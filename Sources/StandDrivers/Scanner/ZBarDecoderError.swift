/// Why a zbar decoder could not be set up.
public enum ZBarDecoderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `zbar_image_scanner_create` returned NULL (out of memory).
    case scannerUnavailable
    /// libzbar is not installed, or too old.
    case libraryUnavailable(ZBarLibraryError)

    public var description: String {
        switch self {
        case .scannerUnavailable:
            "The barcode decoder could not start (zbar_image_scanner_create failed: out of memory). Free memory and try again."
        case let .libraryUnavailable(error):
            error.description
        }
    }
}
