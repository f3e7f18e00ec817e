/// The entries of the function menu (MENU key), in the order shown; the number typed to pick one
/// is its position.
public enum TerminalMenuItem: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case delivery = 1
    case count
    case openShift
    case closeShift
    case xReport
    case zReport
    case reprint
    case voidLastSale
    case refundLastSale
    case syncStatus
    case setLocation
    case lock

    public var description: String {
        switch self {
        case .delivery: "Delivery received"
        case .count: "Stock count"
        case .openShift: "Open shift"
        case .closeShift: "Close shift"
        case .xReport: "X report"
        case .zReport: "Z report"
        case .reprint: "Reprint receipt"
        case .voidLastSale: "Void last sale"
        case .refundLastSale: "Refund last sale"
        case .syncStatus: "Sync status"
        case .setLocation: "Set location"
        case .lock: "Lock"
        }
    }
}
