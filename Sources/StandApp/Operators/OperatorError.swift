import StandCore

/// Why an operator or PIN was refused.
public enum OperatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// PINs are 4 to 8 digits.
    case invalidPIN
    /// Another operator already logs in with this PIN (a PIN alone identifies the operator).
    case pinInUse(by: OperatorID)
    case emptyName(OperatorID)
    case duplicateOperator(OperatorID)
    /// The stored hash could not be used (wrong length, too few rounds).
    case invalidStoredHash(OperatorID, problem: String)
    /// The key derivation itself failed.
    case hashingFailed(String)

    public var description: String {
        switch self {
        case .invalidPIN:
            "A PIN is 4 to 8 digits. Choose another PIN."
        case .pinInUse(let other):
            "Operator \(other) already uses this PIN; every operator needs a PIN of their own. Choose another PIN."
        case .emptyName(let id):
            "Operator \(id) has no name. Give the operator a name."
        case .duplicateOperator(let id):
            "Operator \(id) is listed twice. Keep one entry."
        case .invalidStoredHash(let id, let problem):
            "The stored PIN of operator \(id) is unusable (\(problem)). Set the operator's PIN again."
        case .hashingFailed(let detail):
            "Hashing the PIN failed (\(detail)). Try again; report it if it repeats."
        }
    }
}
