import Crypto

/// One committed event in a stand's hash chain.
///
/// `hash` is the lower-case hex SHA-256 of `JournalEntry.canonicalBytes`:
///
///     standID "\n" sequence "\n" previousHash "\n" kind "\n" payload
///
/// with the sequence in decimal, `previousHash` lower-case hex (64 zeros before the first entry),
/// `kind` the `JournalEventKind` raw value and `payload` the canonical JSON of the event (see
/// `JournalPayload`), all UTF-8, no trailing newline. Anyone holding the entries can recompute it.
public struct JournalEntry: Hashable, Sendable, Codable {
    public let standID: StandID
    /// 1 for the first entry, then one more for each.
    public let sequence: Int64
    public let previousHash: String
    public let kind: JournalEventKind
    public let payload: String
    public let hash: String

    /// The previous hash of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// An entry as read back from storage; `JournalVerifier` decides whether it is sound.
    public init(standID: StandID, sequence: Int64, previousHash: String, kind: JournalEventKind, payload: String, hash: String) {
        self.standID = standID
        self.sequence = sequence
        self.previousHash = previousHash
        self.kind = kind
        self.payload = payload
        self.hash = hash
    }

    /// The entry that follows `previous` (or starts the chain when `previous` is nil), hashed.
    public static func appending(to previous: JournalEntry?, standID: StandID, kind: JournalEventKind, payload: String) -> JournalEntry {
        hashed(standID: standID, sequence: (previous?.sequence ?? 0) + 1, previousHash: previous?.hash ?? genesisHash,
               kind: kind, payload: payload)
    }

    /// A new entry at `sequence` after the entry whose hash is `previousHash`, with its hash computed.
    public static func hashed(standID: StandID, sequence: Int64, previousHash: String, kind: JournalEventKind, payload: String) -> JournalEntry {
        JournalEntry(standID: standID, sequence: sequence, previousHash: previousHash, kind: kind, payload: payload,
                     hash: computeHash(standID: standID, sequence: sequence, previousHash: previousHash, kind: kind, payload: payload))
    }

    /// The exact bytes the hash covers.
    public static func canonicalBytes(standID: StandID, sequence: Int64, previousHash: String, kind: JournalEventKind, payload: String) -> [UInt8] {
        Array("\(standID.rawValue)\n\(sequence)\n\(previousHash)\n\(kind.rawValue)\n\(payload)".utf8)
    }

    /// Lower-case hex SHA-256 of the canonical bytes.
    public static func computeHash(standID: StandID, sequence: Int64, previousHash: String, kind: JournalEventKind, payload: String) -> String {
        let digest = SHA256.hash(data: canonicalBytes(standID: standID, sequence: sequence, previousHash: previousHash, kind: kind, payload: payload))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The hash this entry's contents give; differs from `hash` when the entry was altered.
    public var recomputedHash: String {
        Self.computeHash(standID: standID, sequence: sequence, previousHash: previousHash, kind: kind, payload: payload)
    }
}
