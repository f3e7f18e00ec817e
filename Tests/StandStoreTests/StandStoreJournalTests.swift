import Foundation
import GRDB
import StandCore
import Testing
@testable import StandStore

@Suite struct StandStoreJournalTests {
    private func storeWithFiveEvents(_ kind: StoreKind) throws -> StandStore {
        let store = try kind.makeStore()
        try store.commit(try cashSale())
        try store.recordDelivery(item: "bun", quantity: 10, reference: "DN-1", at: Date())
        try store.commit(try cashSale())
        try store.recordWaste(item: "bun", quantity: 1, reason: "dropped", at: Date())
        try store.commit(try cashSale())
        return store
    }

    /// Tampering goes around the store's append-only triggers, as an attacker with the file would.
    private func tamper(_ store: StandStore, _ sql: String...) throws {
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "DROP TRIGGER IF EXISTS journal_no_update")
            try db.execute(sql: "DROP TRIGGER IF EXISTS journal_no_delete")
            for statement in sql { try db.execute(sql: statement) }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anUntouchedJournalVerifies(kind: StoreKind) throws {
        let store = try storeWithFiveEvents(kind)
        let entries = try store.journalEntries(from: 1, limit: 100)
        #expect(try store.verifyJournal() == .intact(entryCount: 5, headHash: entries[4].hash))
        #expect(JournalVerifier.verify(entries, standID: testStand) == .intact(entryCount: 5, headHash: entries[4].hash))
    }

    @Test(arguments: StoreKind.allCases)
    func theJournalIsAppendOnlyThroughSQL(kind: StoreKind) throws {
        let store = try storeWithFiveEvents(kind)
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in try db.execute(sql: "UPDATE journal SET payload = '{}' WHERE seq = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in try db.execute(sql: "DELETE FROM journal WHERE seq = 5") }
        }
        #expect(try store.verifyJournal().isIntact)
    }

    @Test(arguments: StoreKind.allCases)
    func anAlteredPayloadIsNamedAsAHashMismatch(kind: StoreKind) throws {
        let store = try storeWithFiveEvents(kind)
        try tamper(store, "UPDATE journal SET payload = replace(payload, '\"delta\":10', '\"delta\":99') WHERE seq = 2")
        guard case .broken(let broken, let verified) = try store.verifyJournal() else { Issue.record("tampering not detected"); return }
        #expect(broken.sequence == 2)
        #expect(verified == 1)
        guard case .hashMismatch = broken.reason else { Issue.record("wrong reason \(broken.reason)"); return }
    }

    @Test(arguments: StoreKind.allCases)
    func aRemovedEntryIsNamedAsAGap(kind: StoreKind) throws {
        let store = try storeWithFiveEvents(kind)
        try tamper(store, "DELETE FROM outbox WHERE seq = 3", "DELETE FROM journal WHERE seq = 3")
        #expect(try store.verifyJournal() == .broken(JournalBreak(sequence: 3, reason: .gap(found: 4)), verifiedCount: 2))
    }

    @Test(arguments: StoreKind.allCases)
    func aRehashedEntryWithAForeignPredecessorIsNamed(kind: StoreKind) throws {
        let store = try storeWithFiveEvents(kind)
        let entries = try store.journalEntries(from: 1, limit: 10)
        let forged = JournalEntry.hashed(standID: testStand, sequence: 4, previousHash: String(repeating: "a", count: 64),
                                         kind: entries[3].kind, payload: entries[3].payload)
        try tamper(store, "UPDATE journal SET prev_hash = '\(forged.previousHash)', hash = '\(forged.hash)' WHERE seq = 4")
        #expect(try store.verifyJournal() == .broken(
            JournalBreak(sequence: 4, reason: .previousHashMismatch(expected: entries[2].hash, stored: forged.previousHash)),
            verifiedCount: 3))
    }
}
