import Foundation

/// The identity of one sale: a UUID, written in its canonical upper-case string form.
public struct SaleID: UUIDIdentifier {
    public let rawValue: String
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// The identity of one refund or void: a UUID string.
public struct RefundID: UUIDIdentifier {
    public let rawValue: String
    public init(validated rawValue: String) { self.rawValue = rawValue }
}

/// A stand of the fleet: "berlin-alex-01".
public struct StandID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A person working a stand: an operator ringing sales, or a supervisor approving refunds.
public struct OperatorID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An internal credit account (an employee's meal allowance, a partner's tab).
public struct CreditAccountID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
