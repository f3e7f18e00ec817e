/// The individual totals of an end-of-day batch (BMP 60), per card scheme.
///
/// The layout is the one the ZVT specification (ECR interface, revision 13) gives for BMP 60 in
/// the status information the terminal sends during End-of-Day (06 50): receipt number of the
/// first and of the last transaction (2 bytes BCD each), then for girocard (EC), JCB, Eurocard,
/// Amex, Visa, Diners and "other" in that order: the number of transactions (1 byte binary) and
/// the turnover in cents (6 bytes BCD); 53 bytes in all. This is the layout assumed here; it has
/// not been checked against a real terminal's bytes, and a BMP 60 of another length is refused.
public struct ZVTTotals: Hashable, Sendable, Codable {
    /// One card scheme's share of the batch.
    public struct Line: Hashable, Sendable, Codable {
        public let count: Int
        /// In minor units (cents).
        public let turnover: Int64

        public init(count: Int, turnover: Int64) {
            self.count = count
            self.turnover = turnover
        }

        public static let zero = Line(count: 0, turnover: 0)
    }

    public let firstReceiptNumber: Int
    public let lastReceiptNumber: Int
    public let girocard: Line
    public let jcb: Line
    public let eurocard: Line
    public let amex: Line
    public let visa: Line
    public let diners: Line
    public let other: Line

    public init(firstReceiptNumber: Int, lastReceiptNumber: Int, girocard: Line = .zero, jcb: Line = .zero,
                eurocard: Line = .zero, amex: Line = .zero, visa: Line = .zero, diners: Line = .zero, other: Line = .zero) {
        self.firstReceiptNumber = firstReceiptNumber
        self.lastReceiptNumber = lastReceiptNumber
        self.girocard = girocard
        self.jcb = jcb
        self.eurocard = eurocard
        self.amex = amex
        self.visa = visa
        self.diners = diners
        self.other = other
    }

    public var lines: [Line] {
        [girocard, jcb, eurocard, amex, visa, diners, other]
    }

    static let byteCount = 4 + 7 * 7

    init(bytes: [UInt8]) throws(ZVTError) {
        guard bytes.count == Self.byteCount else {
            throw .badLength(what: "the individual totals (BMP 60) hold \(bytes.count) bytes, the layout StandKit reads has \(Self.byteCount)")
        }
        func number(_ range: Range<Int>, _ field: String) throws(ZVTError) -> UInt64 {
            try ZVTBCD.decode(bytes[range], field: "\(field) in the individual totals (BMP 60)")
        }
        var lines: [Line] = []
        for index in 0..<7 {
            let start = 4 + index * 7
            lines.append(Line(count: Int(bytes[start]), turnover: Int64(try number(start + 1..<start + 7, "turnover"))))
        }
        self.init(firstReceiptNumber: Int(try number(0..<2, "first receipt number")),
                  lastReceiptNumber: Int(try number(2..<4, "last receipt number")),
                  girocard: lines[0], jcb: lines[1], eurocard: lines[2], amex: lines[3], visa: lines[4],
                  diners: lines[5], other: lines[6])
    }

    var bytes: [UInt8] {
        get throws(ZVTError) {
            var bytes = try Self.bcd(firstReceiptNumber, byteCount: 2, "first receipt number")
            bytes += try Self.bcd(lastReceiptNumber, byteCount: 2, "last receipt number")
            for line in lines {
                guard (0...255).contains(line.count) else {
                    throw .valueOutOfRange(field: "number of transactions in the totals", value: Int64(line.count), allowed: 0...255)
                }
                bytes.append(UInt8(line.count))
                bytes += try Self.bcd(line.turnover, byteCount: 6, "turnover in the totals")
            }
            return bytes
        }
    }

    private static func bcd(_ value: some BinaryInteger, byteCount: Int, _ field: String) throws(ZVTError) -> [UInt8] {
        let maximum = Int64(ZVTBCD.maximum(byteCount: byteCount))
        guard let value = Int64(exactly: value), (0...maximum).contains(value) else {
            throw .valueOutOfRange(field: field, value: Int64(clamping: value), allowed: 0...maximum)
        }
        return ZVTBCD.encode(UInt64(value), byteCount: byteCount)
    }
}
