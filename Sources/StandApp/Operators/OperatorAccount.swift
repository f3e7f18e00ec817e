import StandCore

/// A person who may use the till: who they are, what they may do, and their hashed PIN.
public struct OperatorAccount: Hashable, Sendable, Codable, Identifiable {
    public let id: OperatorID
    public let name: String
    public let role: OperatorRole
    public let pin: HashedPIN

    public init(id: OperatorID, name: String, role: OperatorRole, pin: HashedPIN) {
        self.id = id
        self.name = name
        self.role = role
        self.pin = pin
    }

    public var isSupervisor: Bool { role == .supervisor }
}
