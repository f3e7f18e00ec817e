/// A grey picture, one luminance byte a pixel, for the loopback camera to show (a QR code, an
/// EAN-13), and the frames it becomes.
public struct CameraPicture: Hashable, Sendable {
    /// The frame formats the loopback camera's writer streams, by their V4L2 four-character codes.
    public enum PixelFormat: String, Hashable, Sendable {
        /// YUV 4:2:2, two bytes a pixel (Y0 U Y1 V).
        case yuyv = "YUYV"
        /// 8-bit luminance, one byte a pixel.
        case grey = "GREY"

        /// The fourcc as V4L2 takes it: the four characters, first in the lowest byte.
        public var fourcc: UInt32 {
            rawValue.utf8.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }

        public var bytesPerPixel: Int {
            self == .yuyv ? 2 : 1
        }
    }

    public let width: Int
    public let height: Int
    /// Row by row, `width` × `height` bytes.
    public let luminance: [UInt8]

    public init(width: Int, height: Int, luminance: [UInt8]) {
        precondition(luminance.count == width * height, "a \(width)×\(height) picture has \(width * height) pixels, not \(luminance.count)")
        self.width = width
        self.height = height
        self.luminance = luminance
    }

    /// A `width`×`height` frame in `format`: white, with `picture` centred (cropped if larger).
    public static func frame(showing picture: CameraPicture?, format: PixelFormat, width: Int, height: Int) -> [UInt8] {
        var gray = [UInt8](repeating: 255, count: width * height)
        if let picture {
            let left = (width - picture.width) / 2, top = (height - picture.height) / 2
            let columns = max(0, -left)..<min(picture.width, width - left)
            for y in max(0, -top)..<min(picture.height, height - top) where !columns.isEmpty {
                let row = (top + y) * width + left, source = y * picture.width
                gray.replaceSubrange(row + columns.lowerBound..<row + columns.upperBound,
                                     with: picture.luminance[source + columns.lowerBound..<source + columns.upperBound])
            }
        }
        guard format == .yuyv else { return gray }
        // The luminance of each pixel and no colour (U = V = 128).
        var yuyv = [UInt8](repeating: 128, count: gray.count * 2)
        for index in gray.indices { yuyv[index * 2] = gray[index] }
        return yuyv
    }
}
