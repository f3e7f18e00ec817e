/// The pixel formats a scanner camera is asked for, by their V4L2 four-character codes. zbar is
/// told the format itself (`zbar_video_init`) because libzbar 0.23.92 crashes when it negotiates
/// one without a window.
public enum FrameFormat: String, Hashable, Sendable, CaseIterable {
    /// YUV 4:2:2, two bytes a pixel (Y0 U Y1 V): what almost every USB camera delivers uncompressed.
    case yuyv = "YUYV"
    /// 8-bit luminance, one byte a pixel.
    case grey = "GREY"
    /// 24-bit RGB, three bytes a pixel (V4L2_PIX_FMT_RGB24).
    case rgb3 = "RGB3"

    /// The fourcc as zbar and V4L2 take it: the four characters, first in the lowest byte.
    public var fourcc: UInt {
        rawValue.utf8.reversed().reduce(UInt(0)) { $0 << 8 | UInt($1) }
    }

    /// The format with this fourcc, if it is one of these.
    public init?(fourcc: UInt) {
        guard let match = Self.allCases.first(where: { $0.fourcc == fourcc }) else { return nil }
        self = match
    }

    /// How many bytes one `width` × `height` frame takes.
    public func byteCount(width: Int, height: Int) -> Int {
        switch self {
        case .yuyv: width * height * 2
        case .grey: width * height
        case .rgb3: width * height * 3
        }
    }
}
