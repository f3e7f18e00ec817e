/// A black-and-white picture, row by row, for printer rasters (GS v 0) and rendered paper.
public struct MonochromeBitmap: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// `width × height` pixels, row-major; true is black (a printed dot).
    public private(set) var pixels: [Bool]

    /// A white bitmap.
    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "negative bitmap size \(width)×\(height)")
        self.width = width
        self.height = height
        pixels = [Bool](repeating: false, count: width * height)
    }

    public init(width: Int, height: Int, pixels: [Bool]) {
        precondition(pixels.count == width * height, "\(pixels.count) pixels for a \(width)×\(height) bitmap")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> Bool {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }
}
