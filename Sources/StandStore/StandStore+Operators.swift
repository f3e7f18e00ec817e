import Foundation
import GRDB
import StandCore

/// One row of the `operators` table: a person who may log in, with their hashed PIN. StandApp's
/// `OperatorDirectory` turns these into accounts and checks PINs against them.
public struct StoredOperator: Hashable, Sendable {
    public let id: OperatorID
    public let name: String
    /// "operator" or "supervisor".
    public let role: String
    /// PBKDF2-HMAC-SHA256 of the PIN.
    public let pinHash: Data
    public let salt: Data
    public let rounds: Int

    public init(id: OperatorID, name: String, role: String, pinHash: Data, salt: Data, rounds: Int) {
        self.id = id
        self.name = name
        self.role = role
        self.pinHash = pinHash
        self.salt = salt
        self.rounds = rounds
    }
}

extension StandStore {
    /// Adds the operator or replaces the stored one with the same id, in one transaction.
    public func upsertOperator(_ stored: StoredOperator) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO operators (id, name, role, pin_hash, salt, rounds) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role,
                    pin_hash = excluded.pin_hash, salt = excluded.salt, rounds = excluded.rounds
                """, arguments: [stored.id.rawValue, stored.name, stored.role, stored.pinHash, stored.salt, stored.rounds])
        }
    }

    /// Removes an operator; returns whether one was stored under `id`.
    @discardableResult
    public func removeOperator(_ id: OperatorID) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM operators WHERE id = ?", arguments: [id.rawValue])
            return db.changesCount > 0
        }
    }

    /// Every stored operator, ordered by id.
    public func operators() throws(StoreError) -> [StoredOperator] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, role, pin_hash, salt, rounds FROM operators ORDER BY id").map { row in
                StoredOperator(id: OperatorID(row["id"]), name: row["name"], role: row["role"],
                               pinHash: row["pin_hash"], salt: row["salt"], rounds: row["rounds"])
            }
        }
    }
}
