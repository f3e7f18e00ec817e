/// The kinds of device a stand kit has.
public enum DeviceKind: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case receiptPrinter = "printer"
    case scanner
    case paymentTerminal = "card-terminal"
    case cashDrawer = "drawer"
    case keypad
    case display
    case locationSource = "location"

    /// The operator's word for it: "printer", "card terminal".
    public var description: String {
        switch self {
        case .receiptPrinter: "printer"
        case .scanner: "scanner"
        case .paymentTerminal: "card terminal"
        case .cashDrawer: "cash drawer"
        case .keypad: "keypad"
        case .display: "display"
        case .locationSource: "location"
        }
    }
}
