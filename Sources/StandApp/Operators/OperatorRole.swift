/// What a person may do at the till: operators sell; supervisors also approve refunds and voids.
public enum OperatorRole: String, Hashable, Sendable, Codable, CaseIterable {
    case `operator`
    case supervisor
}
