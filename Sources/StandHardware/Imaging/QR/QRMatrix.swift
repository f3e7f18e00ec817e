/// The module grid while a QR symbol is built: function patterns first, then the codewords in
/// the zigzag order, then a mask and the format information (ISO/IEC 18004 sections 6.3–6.9).
struct QRMatrix {
    let version: Int
    let size: Int
    private(set) var modules: [Bool]
    /// Modules of finder, timing, alignment, format and version patterns: masks skip them.
    private var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        modules = [Bool](repeating: false, count: size * size)
        isFunction = modules
        drawFunctionPatterns()
    }

    subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    private mutating func drawFunctionPatterns() {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        drawFinder(3, 3)
        drawFinder(size - 4, 3)
        drawFinder(3, size - 4)
        let positions = QRCapacity.alignmentPositions(version)
        let last = positions.count - 1
        for (i, x) in positions.enumerated() {
            for (j, y) in positions.enumerated() {
                // The three corners hold finder patterns.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                drawAlignment(x, y)
            }
        }
        // Reserve the format areas now; the real bits come with the mask.
        drawFormatBits(0)
        drawVersion()
    }

    /// A finder pattern with its light separator, clipped at the symbol's edge.
    private mutating func drawFinder(_ cx: Int, _ cy: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = cx + dx, y = cy + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(x, y, distance != 2 && distance != 4)
            }
        }
    }

    private mutating func drawAlignment(_ cx: Int, _ cy: Int) {
        for dy in -2...2 {
            for dx in -2...2 { setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// The 15 format bits (level and mask, BCH(15,5), XOR 0x5412) in both copies, and the dark module.
    mutating func drawFormatBits(_ data: Int) {
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 != 0 }
        for i in 0...5 { setFunction(8, i, bit(i)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
        for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
        setFunction(8, size - 8, true)
    }

    /// The 18 version bits (BCH(18,6)) in both corners, from version 7 on.
    private mutating func drawVersion() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for i in 0..<18 {
            let dark = (bits >> i) & 1 != 0
            let a = size - 11 + i % 3, b = i / 3
            setFunction(a, b, dark)
            setFunction(b, a, dark)
        }
    }

    /// Places the codewords in two-module columns from the bottom right, up and down in turn,
    /// skipping the vertical timing pattern.
    mutating func drawCodewords(_ codewords: [UInt8]) {
        var bitIndex = 0
        let totalBits = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for j in 0..<2 {
                    let x = right - j
                    guard !isFunction[y * size + x] else { continue }
                    if bitIndex < totalBits {
                        modules[y * size + x] = (codewords[bitIndex >> 3] >> UInt8(7 - bitIndex & 7)) & 1 != 0
                        bitIndex += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// XORs a data mask onto every non-function module; applying it twice undoes it.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] {
                let invert: Bool
                switch mask {
                case 0: invert = (x + y) % 2 == 0
                case 1: invert = y % 2 == 0
                case 2: invert = x % 3 == 0
                case 3: invert = (x + y) % 3 == 0
                case 4: invert = (x / 3 + y / 2) % 2 == 0
                case 5: invert = x * y % 2 + x * y % 3 == 0
                case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
                default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if invert { modules[y * size + x].toggle() }
            }
        }
    }

    /// The penalty score of ISO/IEC 18004 section 7.8.3: runs, 2×2 blocks, finder-like patterns
    /// and dark/light balance. The mask with the lowest score is used.
    func penalty() -> Int {
        var score = 0
        // Rule 1: five or more same-coloured modules in a row or column.
        for line in 0..<size {
            for horizontal in [true, false] {
                var runColor = false, runLength = 0
                for i in 0..<size {
                    let dark = horizontal ? self[i, line] : self[line, i]
                    if i > 0 && dark == runColor {
                        runLength += 1
                    } else {
                        if runLength >= 5 { score += 3 + runLength - 5 }
                        runColor = dark
                        runLength = 1
                    }
                }
                if runLength >= 5 { score += 3 + runLength - 5 }
            }
        }
        // Rule 2: 2×2 blocks of one colour.
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = self[x, y]
                if c == self[x + 1, y] && c == self[x, y + 1] && c == self[x + 1, y + 1] { score += 3 }
            }
        }
        // Rule 3: 1:1:3:1:1 finder-like patterns with four light modules on one side.
        let pattern: [Bool] = [true, false, true, true, true, false, true]
        for line in 0..<size {
            for horizontal in [true, false] {
                func at(_ i: Int) -> Bool { horizontal ? self[i, line] : self[line, i] }
                func light(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < 0 || $0 >= size || !at($0) } }
                for start in 0...(size - 7) where (0..<7).allSatisfy({ at(start + $0) == pattern[$0] }) {
                    if light((start - 4)..<start) { score += 40 }
                    if light((start + 7)..<(start + 11)) { score += 40 }
                }
            }
        }
        // Rule 4: 10 points for each 5 % the dark share strays from 50 %.
        let dark = modules.count(where: { $0 })
        let total = size * size
        let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        score += k * 10
        return score
    }
}
