/// A QR code symbol: a square of dark and light modules, quiet zone not included.
public struct QRCode: Hashable, Sendable {
    /// 1…40; the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    public let errorCorrection: QRErrorCorrection
    /// The data mask chosen by the penalty rules, 0…7.
    public let mask: Int
    /// Modules per side.
    public let size: Int
    /// `size × size` modules, row-major; true is dark.
    public let modules: [Bool]

    init(version: Int, errorCorrection: QRErrorCorrection, mask: Int, modules: [Bool]) {
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = mask
        size = 17 + 4 * version
        self.modules = modules
    }

    public subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The symbol drawn with `moduleSize` dots a module and `quietZone` light modules around it
    /// (the standard asks for 4).
    public func bitmap(moduleSize: Int, quietZone: Int = 4) -> MonochromeBitmap {
        precondition(moduleSize > 0 && quietZone >= 0, "module size \(moduleSize), quiet zone \(quietZone)")
        let side = (size + 2 * quietZone) * moduleSize
        var bitmap = MonochromeBitmap(width: side, height: side)
        for y in 0..<size {
            for x in 0..<size where self[x, y] {
                let left = (x + quietZone) * moduleSize, top = (y + quietZone) * moduleSize
                for dy in 0..<moduleSize {
                    for dx in 0..<moduleSize { bitmap[left + dx, top + dy] = true }
                }
            }
        }
        return bitmap
    }
}
