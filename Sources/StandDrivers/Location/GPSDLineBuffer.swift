/// Cuts gpsd's byte stream into lines. Bytes arrive in whatever pieces TCP delivers; a line is
/// complete at its newline (a trailing CR is dropped). A line longer than `limit` bytes is not
/// kept in memory: its bytes are thrown away up to its newline and it is reported as overlong.
struct GPSDLineBuffer {
    enum Piece: Hashable, Sendable {
        case line(String)
        /// A line of `bytes` bytes (without its newline) that was dropped.
        case overlong(bytes: Int)
    }

    let limit: Int
    private var pending: [UInt8] = []
    /// Bytes dropped so far of an overlong line still waiting for its newline.
    private var discarded: Int?

    /// Bytes held for the line not yet complete; never more than `limit`.
    var heldBytes: Int { pending.count }

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The lines completed by `bytes`, in order; empty lines are left out.
    mutating func append(_ bytes: [UInt8]) -> [Piece] {
        var pieces: [Piece] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let segment = bytes[start..<(newline ?? bytes.endIndex)]
            start = newline.map { $0 + 1 } ?? bytes.endIndex
            if let dropped = discarded {
                discarded = dropped + segment.count
            } else if pending.count + segment.count > limit {
                discarded = pending.count + segment.count
                pending = []
            } else {
                pending += segment
            }
            guard newline != nil else { continue }
            if let dropped = discarded {
                pieces.append(.overlong(bytes: dropped))
                discarded = nil
                continue
            }
            if pending.last == 0x0D { pending.removeLast() }
            if !pending.isEmpty { pieces.append(.line(String(decoding: pending, as: UTF8.self))) }
            pending = []
        }
        return pieces
    }
}
