import Foundation
import StandCore

/// The people who may use this stand's till, found by their PIN.
///
/// A PIN alone identifies the operator at the keypad, so no two operators may share one;
/// `setting(_:name:role:pin:)` refuses a PIN already in use.
public struct OperatorDirectory: Hashable, Sendable {
    /// In the order they were added.
    public private(set) var accounts: [OperatorAccount]

    /// Checks that ids are unique and names are not empty.
    public init(_ accounts: [OperatorAccount] = []) throws(OperatorError) {
        var seen: Set<OperatorID> = []
        for account in accounts {
            guard seen.insert(account.id).inserted else { throw .duplicateOperator(account.id) }
            guard !account.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyName(account.id) }
        }
        self.accounts = accounts
    }

    /// The account with this id.
    public func account(_ id: OperatorID) -> OperatorAccount? {
        accounts.first { $0.id == id }
    }

    /// The account whose PIN this is. Every account is tried, so the time taken does not reveal
    /// which one matched.
    public func authenticate(pin: String) -> OperatorAccount? {
        guard HashedPIN.isValid(pin: pin) else { return nil }
        var found: OperatorAccount?
        for account in accounts where account.pin.matches(pin) && found == nil {
            found = account
        }
        return found
    }

    /// Adds the operator, or replaces the one with the same id, hashing `pin` with a new salt.
    /// Returns the stored account (persist it with `StandStore.upsertOperator`).
    @discardableResult
    public mutating func set(_ id: OperatorID, name: String, role: OperatorRole, pin: String,
                             rounds: Int = HashedPIN.defaultRounds) throws(OperatorError) -> OperatorAccount {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyName(id) }
        guard HashedPIN.isValid(pin: pin) else { throw .invalidPIN }
        if let other = accounts.first(where: { $0.id != id && $0.pin.matches(pin) }) {
            throw .pinInUse(by: other.id)
        }
        let account = OperatorAccount(id: id, name: name.trimmingCharacters(in: .whitespacesAndNewlines), role: role,
                                      pin: try HashedPIN.make(pin: pin, rounds: rounds))
        if let index = accounts.firstIndex(where: { $0.id == id }) {
            accounts[index] = account
        } else {
            accounts.append(account)
        }
        return account
    }

    /// Removes an operator; they can no longer log in.
    public mutating func remove(_ id: OperatorID) {
        accounts.removeAll { $0.id == id }
    }
}
