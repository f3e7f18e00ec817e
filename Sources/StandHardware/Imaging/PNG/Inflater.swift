/// Decompresses DEFLATE (RFC 1951) and zlib (RFC 1950) streams: stored, fixed-Huffman and
/// dynamic-Huffman blocks. Every read is bounds-checked, so damaged input ends in an
/// `InflateError`, never a crash.
public enum Inflater {
    /// Unpacks a zlib stream (header, DEFLATE data, Adler-32) into at most `limit` bytes.
    public static func zlibDecompress(_ data: [UInt8], limit: Int = 1 << 28) throws(InflateError) -> [UInt8] {
        guard data.count >= 2 else { throw .truncated }
        let cmf = data[0], flg = data[1]
        guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else { throw .corrupt("zlib header check bits are wrong") }
        guard cmf & 0x0F == 8 else { throw .corrupt("compression method \(cmf & 0x0F) is not deflate") }
        guard cmf >> 4 <= 7 else { throw .corrupt("window size \(cmf >> 4) is larger than 32 KiB") }
        guard flg & 0x20 == 0 else { throw .corrupt("a preset dictionary is required") }
        var reader = BitReader(data, start: 2)
        let output = try inflate(&reader, limit: limit)
        reader.alignToByte()
        guard let trailer = reader.bytes(4) else { throw .truncated }
        let expected = trailer.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard Adler32.checksum(output) == expected else { throw .corrupt("Adler-32 checksum mismatch") }
        return output
    }

    /// Unpacks raw DEFLATE data into at most `limit` bytes.
    public static func inflate(_ data: [UInt8], limit: Int = 1 << 28) throws(InflateError) -> [UInt8] {
        var reader = BitReader(data, start: 0)
        return try inflate(&reader, limit: limit)
    }

    private static func inflate(_ reader: inout BitReader, limit: Int) throws(InflateError) -> [UInt8] {
        var output: [UInt8] = []
        var isFinal = false
        while !isFinal {
            isFinal = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0: try copyStored(&reader, into: &output, limit: limit)
            case 1: try decodeBlock(&reader, into: &output, limit: limit, codes: fixedCodes)
            case 2: try decodeBlock(&reader, into: &output, limit: limit, codes: try readDynamicCodes(&reader))
            default: throw .corrupt("block type 3 is reserved")
            }
        }
        return output
    }

    private static func copyStored(_ reader: inout BitReader, into output: inout [UInt8], limit: Int) throws(InflateError) {
        reader.alignToByte()
        guard let header = reader.bytes(4) else { throw .truncated }
        let length = Int(header[0]) | Int(header[1]) << 8
        let complement = Int(header[2]) | Int(header[3]) << 8
        guard length == complement ^ 0xFFFF else { throw .corrupt("stored block length does not match its complement") }
        guard output.count + length <= limit else { throw .tooLarge(limit: limit) }
        guard let body = reader.bytes(length) else { throw .truncated }
        output.append(contentsOf: body)
    }

    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                            35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                             3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                              257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193,
                                              12289, 16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                               7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which dynamic blocks list the code-length code lengths.
    private static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private static let fixedCodes: (literals: HuffmanTable, distances: HuffmanTable) = {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        // The fixed tables are complete and valid by construction.
        let literals = try! HuffmanTable(lengths: lengths)
        let distances = try! HuffmanTable(lengths: [Int](repeating: 5, count: 30))
        return (literals, distances)
    }()

    private static func readDynamicCodes(_ reader: inout BitReader) throws(InflateError) -> (literals: HuffmanTable, distances: HuffmanTable) {
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .corrupt("too many literal or distance codes") }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengthLengths[codeLengthOrder[i]] = try reader.bits(3) }
        let codeLengthTable = try HuffmanTable(lengths: codeLengthLengths)
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthTable.decode(&reader)
            switch symbol {
            case 0...15:
                lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw .corrupt("repeat of a code length with none before it") }
                lengths.append(contentsOf: repeatElement(previous, count: try reader.bits(2) + 3))
            case 17:
                lengths.append(contentsOf: repeatElement(0, count: try reader.bits(3) + 3))
            default:
                lengths.append(contentsOf: repeatElement(0, count: try reader.bits(7) + 11))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw .corrupt("code lengths run past their count") }
        guard lengths[256] != 0 else { throw .corrupt("no code for the end of the block") }
        let literals = try HuffmanTable(lengths: Array(lengths[0..<literalCount]))
        let distances = try HuffmanTable(lengths: Array(lengths[literalCount...]))
        return (literals, distances)
    }

    private static func decodeBlock(_ reader: inout BitReader, into output: inout [UInt8], limit: Int,
                                    codes: (literals: HuffmanTable, distances: HuffmanTable)) throws(InflateError) {
        while true {
            let symbol = try codes.literals.decode(&reader)
            if symbol < 256 {
                guard output.count < limit else { throw .tooLarge(limit: limit) }
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < lengthBase.count else { throw .corrupt("length symbol \(symbol) is invalid") }
                let length = lengthBase[lengthIndex] + (try reader.bits(lengthExtra[lengthIndex]))
                let distanceSymbol = try codes.distances.decode(&reader)
                guard distanceSymbol < distanceBase.count else { throw .corrupt("distance symbol \(distanceSymbol) is invalid") }
                let distance = distanceBase[distanceSymbol] + (try reader.bits(distanceExtra[distanceSymbol]))
                guard distance <= output.count else { throw .corrupt("a back reference points before the start of the data") }
                guard output.count + length <= limit else { throw .tooLarge(limit: limit) }
                let start = output.count - distance
                for i in 0..<length { output.append(output[start + i]) }
            }
        }
    }
}

/// Reads a byte array least-significant bit first, as DEFLATE packs it.
struct BitReader {
    private let data: [UInt8]
    private(set) var position: Int
    private var buffer: UInt32 = 0
    private var bufferedBits = 0

    init(_ data: [UInt8], start: Int) {
        self.data = data
        position = start
    }

    mutating func bits(_ count: Int) throws(InflateError) -> Int {
        while bufferedBits < count {
            guard position < data.count else { throw .truncated }
            buffer |= UInt32(data[position]) << UInt32(bufferedBits)
            position += 1
            bufferedBits += 8
        }
        let value = Int(buffer & ((1 << UInt32(count)) - 1))
        buffer >>= UInt32(count)
        bufferedBits -= count
        return value
    }

    /// Drops the bits left in the current byte.
    mutating func alignToByte() {
        buffer = 0
        bufferedBits = 0
    }

    /// The next `count` whole bytes, or nil when the data ends first. Call after `alignToByte()`.
    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count <= data.count - position else { return nil }
        defer { position += count }
        return Array(data[position..<position + count])
    }
}

/// A canonical Huffman code, decoded bit by bit from the code lengths (as in RFC 1951 3.2.2).
struct HuffmanTable {
    /// How many codes have each length, 0…15.
    private var counts = [Int](repeating: 0, count: 16)
    /// Symbols ordered by code.
    private var symbols: [Int] = []

    init(lengths: [Int]) throws(InflateError) {
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1..<16 {
            left = left << 1 - counts[length]
            guard left >= 0 else { throw .corrupt("a Huffman code is over-subscribed") }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }

    func decode(_ reader: inout BitReader) throws(InflateError) -> Int {
        var code = 0, first = 0, index = 0
        for length in 1..<16 {
            code |= try reader.bits(1)
            let count = counts[length]
            if code - first < count { return symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw .corrupt("a Huffman code is not in the table")
    }
}
