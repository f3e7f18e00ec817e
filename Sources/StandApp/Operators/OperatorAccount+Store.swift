import StandCore
import StandStore

extension OperatorAccount {
    /// An account from its stored row, checking the role and the hash parameters.
    public init(stored: StoredOperator) throws(OperatorError) {
        guard let role = OperatorRole(rawValue: stored.role) else {
            throw .invalidStoredHash(stored.id, problem: "unknown role \(stored.role)")
        }
        let pin: HashedPIN
        do throws(OperatorError) {
            pin = try HashedPIN(hash: stored.pinHash, salt: stored.salt, rounds: stored.rounds)
        } catch {
            throw .invalidStoredHash(stored.id, problem: error.description)
        }
        self.init(id: stored.id, name: stored.name, role: role, pin: pin)
    }

    /// The row `StandStore.upsertOperator` stores.
    public var stored: StoredOperator {
        StoredOperator(id: id, name: name, role: role.rawValue, pinHash: pin.hash, salt: pin.salt, rounds: pin.rounds)
    }
}

extension OperatorDirectory {
    /// The operators stored in `store`. Throws `StoreError` when the store cannot be read and
    /// `OperatorError` for a stored row that cannot be used.
    public init(store: StandStore) throws {
        var accounts: [OperatorAccount] = []
        for stored in try store.operators() {
            accounts.append(try OperatorAccount(stored: stored))
        }
        try self.init(accounts)
    }
}
