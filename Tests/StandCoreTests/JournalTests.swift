import Foundation
import StandCore
import Testing

@Suite struct JournalTests {
    private let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// The worked example of docs/store.md, cross-checked with `sha256sum`.
    @Test func theDocumentedExampleHashes() throws {
        let delivery = try InventoryMovement.delivery(item: "bun", quantity: 50, reference: "DN-1", at: start)
        let payload = try JournalPayload.encode(delivery)
        #expect(payload == #"{"delta":50,"item":"bun","kind":{"delivery":{"reference":"DN-1"}},"recordedAt":1750000000000}"#)
        let first = JournalEntry.appending(to: nil, standID: "berlin-alex-01", kind: .inventoryDelivery, payload: payload)
        #expect(first.sequence == 1)
        #expect(first.previousHash == String(repeating: "0", count: 64))
        #expect(first.hash == "c07c3fdec7ca8862943432821f116ccf5fe6acbf30835fe8f3220df3da0786ea")
        let waste = try InventoryMovement.waste(item: "bun", quantity: 2, reason: "dropped", at: start.addingTimeInterval(60))
        let second = JournalEntry.appending(to: first, standID: "berlin-alex-01", kind: .inventoryWaste, payload: try JournalPayload.encode(waste))
        #expect(second.previousHash == first.hash)
        #expect(second.hash == "5923c1d61d2bec6d89ce1b5d1d7bde546e5a9cc1f9924061f860e5efe0d560da")
    }

    private func chain(_ count: Int) -> [JournalEntry] {
        var entries: [JournalEntry] = []
        for index in 0..<count {
            entries.append(.appending(to: entries.last, standID: "s1", kind: .sale, payload: #"{"n":\#(index)}"#))
        }
        return entries
    }

    @Test func anIntactChainVerifies() {
        let entries = chain(4)
        #expect(JournalVerifier.verify(entries, standID: "s1") == .intact(entryCount: 4, headHash: entries[3].hash))
        #expect(JournalVerifier.verify([], standID: "s1") == .intact(entryCount: 0, headHash: JournalEntry.genesisHash))
    }

    @Test func anAlteredPayloadIsAHashMismatchAtItsSequence() {
        var entries = chain(4)
        let original = entries[2]
        entries[2] = JournalEntry(standID: "s1", sequence: 3, previousHash: original.previousHash, kind: .sale,
                                  payload: #"{"n":99}"#, hash: original.hash)
        guard case .broken(let broken, 2) = JournalVerifier.verify(entries, standID: "s1"),
              case .hashMismatch(_, let stored) = broken.reason else { Issue.record("not detected"); return }
        #expect(broken.sequence == 3)
        #expect(stored == original.hash)
    }

    @Test func aMissingEntryIsAGap() {
        var entries = chain(4)
        entries.remove(at: 1)
        #expect(JournalVerifier.verify(entries, standID: "s1") == .broken(JournalBreak(sequence: 2, reason: .gap(found: 3)), verifiedCount: 1))
    }

    @Test func aRehashedEntryAfterTheWrongPredecessorIsNamed() {
        var entries = chain(3)
        entries[1] = .hashed(standID: "s1", sequence: 2, previousHash: entries[2].hash, kind: .sale, payload: entries[1].payload)
        #expect(JournalVerifier.verify(entries, standID: "s1")
                == .broken(JournalBreak(sequence: 2, reason: .previousHashMismatch(expected: entries[0].hash, stored: entries[2].hash)), verifiedCount: 1))
    }

    @Test func anotherStandsEntryIsNamed() {
        let foreign = JournalEntry.appending(to: nil, standID: "s2", kind: .sale, payload: "{}")
        #expect(JournalVerifier.verify([foreign], standID: "s1")
                == .broken(JournalBreak(sequence: 1, reason: .standMismatch(expected: "s1", found: "s2")), verifiedCount: 0))
    }

    @Test func payloadDatesAreIntegerMillisecondsAndKeysSorted() throws {
        struct Probe: Codable, Equatable { let zulu: Int; let at: Date; let path: String }
        let probe = Probe(zulu: 1, at: Date(timeIntervalSince1970: 1.5), path: "a/b")
        let text = try JournalPayload.encode(probe)
        #expect(text == #"{"at":1500,"path":"a/b","zulu":1}"#)
        #expect(try JournalPayload.decode(Probe.self, from: text) == probe)
    }
}
