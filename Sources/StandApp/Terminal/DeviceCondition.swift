/// What the terminal needs to know about one device: whether it can be used now.
public enum DeviceCondition: Hashable, Sendable {
    /// Works.
    case ready
    /// Works, but needs attention soon ("Printer paper low").
    case warning(String)
    /// Configured but not usable now ("Printer out of paper", "Card terminal disconnected").
    case unavailable(String)
    /// The stand has no such device (`driver = "none"`).
    case notConfigured

    /// Whether work can be sent to the device now.
    public var isUsable: Bool {
        switch self {
        case .ready, .warning: true
        case .unavailable, .notConfigured: false
        }
    }
}
