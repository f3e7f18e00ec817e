/// Which customers a promotion is for.
public enum CustomerRule: Hashable, Sendable, Codable {
    /// Any customer who identified themselves.
    case anyKnownCustomer
    /// The known customer's every `n`th purchase (this purchase is number `prior + 1`).
    case everyNthPurchase(n: Int)
    /// Only these customers (staff, a partner).
    case customers(ids: [CustomerID])

    func admits(_ customer: KnownCustomer?) -> Bool {
        guard let customer else { return false }
        switch self {
        case .anyKnownCustomer: return true
        case .everyNthPurchase(let n): return n > 0 && (customer.priorPurchases + 1) % n == 0
        case .customers(let ids): return ids.contains(customer.id)
        }
    }

    /// "every 10th purchase", for error messages.
    var label: String {
        switch self {
        case .anyKnownCustomer: "known customers only"
        case .everyNthPurchase(let n): "every \(n)th purchase of a known customer"
        case .customers: "selected customers only"
        }
    }
}
