/// One picture from a scanner camera, in the pixel format it was captured in.
public struct Frame: Hashable, Sendable {
    public let format: FrameFormat
    public let width: Int
    public let height: Int
    /// The pixel data, row by row, as the camera delivered it.
    public let bytes: [UInt8]

    public init(format: FrameFormat, width: Int, height: Int, bytes: [UInt8]) {
        self.format = format
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// Whether the data holds a whole frame of this size (zbar aborts the process on short data,
    /// so nothing else reaches it).
    public var isComplete: Bool {
        width > 0 && height > 0 && width <= 16_384 && height <= 16_384 && (format != .yuyv || width % 2 == 0)
            && bytes.count >= format.byteCount(width: width, height: height)
    }

    /// The frame as 8-bit grayscale (Y800, one byte a pixel), converted by `zbar`
    /// (`zbar_image_convert`); nil when the frame is not complete or zbar cannot convert it.
    func luminance(with zbar: ZBarLibrary) -> [UInt8]? {
        guard isComplete, let source = zbar.imageCreate() else { return nil }
        defer { zbar.imageDestroy(source) }
        zbar.imageSetFormat(source, format.fourcc)
        zbar.imageSetSize(source, UInt32(width), UInt32(height))
        return bytes.withUnsafeBytes { buffer -> [UInt8]? in
            // The nil cleanup handler tells zbar the buffer is not its to free; it is detached
            // again before `withUnsafeBytes` returns.
            zbar.imageSetData(source, buffer.baseAddress, UInt(format.byteCount(width: width, height: height)), nil)
            defer { zbar.imageSetData(source, nil, 0, nil) }
            guard let gray = zbar.imageConvert(source, Self.y800) else { return nil }
            defer { zbar.imageDestroy(gray) }
            let count = width * height
            guard zbar.imageGetWidth(gray) == UInt32(width), zbar.imageGetHeight(gray) == UInt32(height),
                  Int(zbar.imageGetDataLength(gray)) >= count, let data = zbar.imageGetData(gray)
            else { return nil }
            return Array(UnsafeRawBufferPointer(start: data, count: count))
        }
    }

    /// fourcc 'Y800': 8-bit grayscale, the format zbar scans.
    static let y800: UInt = 0x3030_3859
}
