/// An operation the terminal asked the appliance to perform, named again in its result
/// (``TerminalInput/operationSucceeded(_:message:)``).
public enum TerminalOperation: Hashable, Sendable {
    case delivery
    case count
    case openShift
    case closeShift
    case report(ReportKind)
    case refund
}

/// The two till reports: X (the shift so far, nothing reset) and Z (closes the day).
public enum ReportKind: String, Hashable, Sendable, Codable {
    case x
    case z
}
