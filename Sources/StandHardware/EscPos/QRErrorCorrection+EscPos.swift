extension QRErrorCorrection {
    /// The `n` of `GS ( k 03 00 31 45 n`: 48 L, 49 M, 50 Q, 51 H.
    public var escPosNumber: UInt8 {
        switch self {
        case .low: 48
        case .medium: 49
        case .quartile: 50
        case .high: 51
        }
    }

    /// The level `GS ( k … 31 45 n` selects, or nil for a byte outside 48…51.
    public init?(escPosNumber: UInt8) {
        guard let level = QRErrorCorrection.allCases.first(where: { $0.escPosNumber == escPosNumber }) else { return nil }
        self = level
    }
}
