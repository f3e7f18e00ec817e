/// Makes QR codes (model 2, ISO/IEC 18004) from bytes in byte mode: the smallest version 1…40
/// that holds them, Reed-Solomon error correction per block, interleaved blocks, and the data
/// mask with the lowest penalty.
public enum QRCodeEncoder {
    public static func encode(_ bytes: [UInt8], errorCorrection: QRErrorCorrection,
                              minimumVersion: Int = 1) throws(QRCodeError) -> QRCode {
        guard (1...40).contains(minimumVersion) else { throw .invalidVersion(minimumVersion) }
        guard let version = (minimumVersion...40).first(where: { QRCapacity.byteCapacity($0, errorCorrection) >= bytes.count }) else {
            throw .dataTooLong(bytes: bytes.count, maximum: QRCapacity.byteCapacity(40, errorCorrection), errorCorrection: errorCorrection)
        }
        let data = dataCodewords(bytes, version: version, level: errorCorrection)
        let codewords = interleavedWithErrorCorrection(data, version: version, level: errorCorrection)
        var matrix = QRMatrix(version: version)
        matrix.drawCodewords(codewords)
        var best: (mask: Int, penalty: Int) = (0, Int.max)
        for mask in 0..<8 {
            matrix.applyMask(mask)
            matrix.drawFormatBits(errorCorrection.formatBits << 3 | mask)
            let penalty = matrix.penalty()
            if penalty < best.penalty { best = (mask, penalty) }
            matrix.applyMask(mask)
        }
        matrix.applyMask(best.mask)
        matrix.drawFormatBits(errorCorrection.formatBits << 3 | best.mask)
        return QRCode(version: version, errorCorrection: errorCorrection, mask: best.mask, modules: matrix.modules)
    }

    /// UTF-8 text as a QR code.
    public static func encode(_ text: String, errorCorrection: QRErrorCorrection) throws(QRCodeError) -> QRCode {
        try encode(Array(text.utf8), errorCorrection: errorCorrection)
    }

    /// The most bytes a symbol of `version` holds at `errorCorrection`.
    public static func byteCapacity(version: Int, errorCorrection: QRErrorCorrection) -> Int {
        QRCapacity.byteCapacity(version, errorCorrection)
    }

    /// Mode indicator 0100, character count, the bytes, terminator, bit padding, pad codewords.
    private static func dataCodewords(_ bytes: [UInt8], version: Int, level: QRErrorCorrection) -> [UInt8] {
        let capacityBits = QRCapacity.dataCodewords(version, level) * 8
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 != 0) }
        }
        append(0b0100, 4)
        append(bytes.count, version <= 9 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacityBits - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { $0 << 1 | (bits[start + $1] ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < capacityBits / 8 {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data into blocks (the short ones first), adds each block's ECC, and interleaves:
    /// the data codewords column by column, then the ECC codewords column by column.
    private static func interleavedWithErrorCorrection(_ data: [UInt8], version: Int, level: QRErrorCorrection) -> [UInt8] {
        let blockCount = QRCapacity.blocks(version, level)
        let eccLength = QRCapacity.eccPerBlock(version, level)
        let shortDataLength = data.count / blockCount
        let longBlocks = data.count % blockCount
        let generator = ReedSolomonGenerator(degree: eccLength)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blockCount {
            let length = shortDataLength + (index >= blockCount - longBlocks ? 1 : 0)
            let block = data[offset..<offset + length]
            dataBlocks.append(block)
            eccBlocks.append(generator.remainder(block))
            offset += length
        }
        var result: [UInt8] = []
        result.reserveCapacity(QRCapacity.totalCodewords(version))
        for column in 0..<(shortDataLength + 1) {
            for block in dataBlocks where column < block.count { result.append(block[block.startIndex + column]) }
        }
        for column in 0..<eccLength {
            for block in eccBlocks { result.append(block[column]) }
        }
        return result
    }
}
