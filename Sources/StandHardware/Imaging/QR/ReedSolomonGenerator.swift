/// Reed-Solomon error correction codewords over GF(2⁸) with the QR polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D) and generator roots α⁰…α^(degree−1).
struct ReedSolomonGenerator: Sendable {
    /// Generator coefficients, highest power first, the leading 1 left out.
    private let coefficients: [UInt8]

    init(degree: Int) {
        precondition((1...255).contains(degree), "Reed-Solomon degree \(degree)")
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            // Multiply the polynomial by (x − root).
            for j in 0..<degree {
                coefficients[j] = Self.multiply(coefficients[j], root)
                if j + 1 < degree { coefficients[j] ^= coefficients[j + 1] }
            }
            root = Self.multiply(root, 0x02)
        }
        self.coefficients = coefficients
    }

    /// The remainder of `data × x^degree` divided by the generator: the ECC codewords.
    func remainder(_ data: some Sequence<UInt8>) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: coefficients.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in 0..<result.count { result[i] ^= Self.multiply(coefficients[i], factor) }
        }
        return result
    }

    /// Multiplication in GF(2⁸) modulo 0x11D (Russian peasant).
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for i in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= Int((y >> UInt8(i)) & 1) * Int(x)
        }
        return UInt8(product & 0xFF)
    }
}
