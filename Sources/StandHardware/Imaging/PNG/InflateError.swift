/// Why a DEFLATE or zlib stream could not be decompressed.
public enum InflateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stream ended before its last block did.
    case truncated
    /// The stream breaks the DEFLATE or zlib format; `reason` says where.
    case corrupt(String)
    /// The stream decompresses to more than the caller allowed (a decompression bomb or a wrong header).
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .truncated: "The compressed data ends too early; the file is cut off. Use a complete copy of the file."
        case .corrupt(let reason): "The compressed data is damaged (\(reason)). Export the file again."
        case .tooLarge(let limit): "The compressed data unpacks to more than \(limit) bytes, more than the image can hold. Export the file again."
        }
    }
}
