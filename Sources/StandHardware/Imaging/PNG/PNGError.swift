/// Why a PNG file could not be read.
public enum PNGError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file does not start with the PNG signature: it is not a PNG.
    case notPNG
    /// The file ends in the middle of a chunk or before IEND.
    case truncated
    /// A chunk's CRC-32 does not match its contents.
    case checksumMismatch(chunk: String)
    /// A required chunk (IHDR, IDAT, PLTE) is missing or out of order.
    case missingChunk(String)
    /// A header or chunk value is invalid.
    case invalid(String)
    /// A valid PNG feature that this decoder does not read (interlacing, an unknown critical chunk).
    case unsupported(String)
    /// The compressed image data is damaged.
    case imageData(InflateError)

    public var description: String {
        switch self {
        case .notPNG: "The file is not a PNG image (its signature is wrong). Use a PNG or PBM file."
        case .truncated: "The PNG file is cut off. Use a complete copy of the file."
        case .checksumMismatch(let chunk): "The PNG file is damaged: the checksum of its \(chunk) chunk is wrong. Export it again."
        case .missingChunk(let chunk): "The PNG file has no \(chunk) chunk where one is required. Export it again."
        case .invalid(let what): "The PNG file is invalid: \(what). Export it again."
        case .unsupported(let what): "The PNG file uses \(what), which the stand cannot read. Export it again without it."
        case .imageData(let error): "The PNG image data cannot be unpacked: \(error)"
        }
    }
}
