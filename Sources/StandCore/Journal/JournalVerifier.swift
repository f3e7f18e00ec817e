/// Checks a journal entry by entry, in sequence order, and names the first broken link.
///
/// Feed it entries one at a time with `check(_:)` (a store streams them from disk), or hand it a
/// whole array with `verify(_:standID:)`. Pure: no I/O.
public struct JournalVerifier: Sendable {
    public let standID: StandID
    /// Entries checked and found sound so far.
    public private(set) var verifiedCount = 0
    /// The hash of the last sound entry (`JournalEntry.genesisHash` before the first).
    public private(set) var headHash = JournalEntry.genesisHash
    private var expectedSequence: Int64 = 1

    public init(standID: StandID) { self.standID = standID }

    /// Checks the next entry; returns the break it shows, or nil when it links on correctly.
    /// After a break, later entries are not meaningful: stop there.
    public mutating func check(_ entry: JournalEntry) -> JournalBreak? {
        if entry.sequence != expectedSequence {
            return JournalBreak(sequence: expectedSequence, reason: .gap(found: entry.sequence))
        }
        if entry.standID != standID {
            return JournalBreak(sequence: entry.sequence, reason: .standMismatch(expected: standID, found: entry.standID))
        }
        if entry.previousHash != headHash {
            return JournalBreak(sequence: entry.sequence, reason: .previousHashMismatch(expected: headHash, stored: entry.previousHash))
        }
        let recomputed = entry.recomputedHash
        if recomputed != entry.hash {
            return JournalBreak(sequence: entry.sequence, reason: .hashMismatch(computed: recomputed, stored: entry.hash))
        }
        verifiedCount += 1
        headHash = entry.hash
        expectedSequence += 1
        return nil
    }

    /// The outcome so far, or with `broken` the failure.
    public func result(_ broken: JournalBreak? = nil) -> JournalVerification {
        if let broken { return .broken(broken, verifiedCount: verifiedCount) }
        return .intact(entryCount: verifiedCount, headHash: headHash)
    }

    /// Verifies entries sorted by sequence.
    public static func verify(_ entries: [JournalEntry], standID: StandID) -> JournalVerification {
        var verifier = JournalVerifier(standID: standID)
        for entry in entries {
            if let broken = verifier.check(entry) { return verifier.result(broken) }
        }
        return verifier.result()
    }
}

/// The outcome of verifying a journal.
public enum JournalVerification: Hashable, Sendable, CustomStringConvertible {
    /// Every entry links on; `headHash` is the last entry's hash.
    case intact(entryCount: Int, headHash: String)
    /// `verifiedCount` entries were sound before `JournalBreak`.
    case broken(JournalBreak, verifiedCount: Int)

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .intact(let count, let head):
            "Journal intact: \(count) entries, head hash \(head)."
        case .broken(let broken, let count):
            "Journal broken after \(count) sound entries: \(broken)"
        }
    }
}

/// The first entry of a journal that does not link on, and why.
public struct JournalBreak: Hashable, Sendable, CustomStringConvertible {
    /// The sequence number at which the chain breaks (for a gap: the number that is missing).
    public let sequence: Int64
    public let reason: Reason

    public init(sequence: Int64, reason: Reason) {
        self.sequence = sequence
        self.reason = reason
    }

    public enum Reason: Hashable, Sendable {
        /// The entry's contents hash to `computed`, not the `stored` hash: it was altered.
        case hashMismatch(computed: String, stored: String)
        /// The entry names a previous hash other than the previous entry's hash.
        case previousHashMismatch(expected: String, stored: String)
        /// Sequence `sequence` is missing; the next entry found has `found`.
        case gap(found: Int64)
        case standMismatch(expected: StandID, found: StandID)
    }

    public var description: String {
        switch reason {
        case .hashMismatch(let computed, let stored):
            "entry \(sequence) was altered: its contents hash to \(computed) but it records \(stored). Restore the journal from a backup or the fleet server."
        case .previousHashMismatch(let expected, let stored):
            "entry \(sequence) does not follow the entry before it: it names previous hash \(stored), expected \(expected). Entries were removed, reordered or replaced; restore from a backup or the fleet server."
        case .gap(let found):
            "entry \(sequence) is missing (the next entry is \(found)). Restore the journal from a backup or the fleet server."
        case .standMismatch(let expected, let found):
            "entry \(sequence) belongs to stand \(found), not \(expected). The database was mixed up with another stand's; restore this stand's own database."
        }
    }
}
