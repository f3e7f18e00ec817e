/// Why a PBM (portable bitmap) file could not be read.
public enum PBMError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file starts with neither P1 nor P4.
    case notPBM
    /// The header's width or height is missing, not a number, or too large.
    case invalidHeader(String)
    /// The pixel data ends before `width × height` pixels.
    case truncated
    /// A plain (P1) file holds something other than 0, 1, whitespace and comments.
    case invalidPixel(String)

    public var description: String {
        switch self {
        case .notPBM: "The file is not a PBM bitmap (it must start with P1 or P4). Use a PBM or PNG file."
        case .invalidHeader(let what): "The PBM header is invalid: \(what). Export the file again."
        case .truncated: "The PBM file is cut off. Use a complete copy of the file."
        case .invalidPixel(let what): "The PBM file holds \(what) where a pixel (0 or 1) belongs. Export the file again."
        }
    }
}
