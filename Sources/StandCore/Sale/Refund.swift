import Foundation

/// Money given back for a committed sale, approved by a supervisor: a refund (the customer
/// returns something) or a void (the sale or a line was rung by mistake). Covers the whole sale
/// or some units of one line, and is linked to the original sale.
///
/// Built only through `Refund.make`, which refuses refunds of more than remains refundable, of
/// lines or units that do not exist or were refunded already, and anything after a whole-sale void.
public struct Refund: Hashable, Sendable, Codable {
    public let id: RefundID
    public let saleID: SaleID
    public let standID: StandID
    public let kind: RefundKind
    public let scope: RefundScope
    /// The money handed back: positive, at most what remained refundable.
    public let amount: Money
    public let operatorID: OperatorID
    /// The supervisor who approved it.
    public let supervisorID: OperatorID
    public let reason: String
    public let createdAt: Date
    /// Whether the goods go back into stock (a `refundReturn` inventory movement per recipe item).
    public let restock: Bool

    private init(id: RefundID, saleID: SaleID, standID: StandID, kind: RefundKind, scope: RefundScope, amount: Money,
                 operatorID: OperatorID, supervisorID: OperatorID, reason: String, createdAt: Date, restock: Bool) {
        self.id = id
        self.saleID = saleID
        self.standID = standID
        self.kind = kind
        self.scope = scope
        self.amount = amount
        self.operatorID = operatorID
        self.supervisorID = supervisorID
        self.reason = reason
        self.createdAt = createdAt
        self.restock = restock
    }

    /// Builds a refund or void of `sale`, given the refunds and voids already made for it.
    ///
    /// - Parameter amount: for a whole-sale refund the default is everything still refundable;
    ///   for a line, the line's share of what was paid for those units. A smaller amount may be
    ///   given (a goodwill partial refund); a larger one is refused.
    public static func make(id: RefundID = RefundID(), of sale: Sale, kind: RefundKind, scope: RefundScope,
                            amount: Money? = nil, previous: [Refund], operatorID: OperatorID,
                            supervisorID: OperatorID, reason: String, createdAt: Date,
                            restock: Bool = false) throws(SaleError) -> Refund {
        let trimmedReason = String(reason.trimmingWhitespace())
        guard !trimmedReason.isEmpty else { throw .missingRefundReason }
        let limit = try refundableLimit(of: sale, scope: scope, previous: previous)
        let chosen = amount ?? limit
        guard chosen.currency == sale.cart.currency else { throw .currencyMismatch(expected: sale.cart.currency, found: chosen.currency) }
        guard !chosen.isNegative else { throw .nonPositiveAmount(tenderIndex: 0, amount: chosen) }
        guard chosen <= limit else { throw .refundExceedsRemaining(requested: chosen, remaining: limit) }
        let milliseconds = JournalPayload.milliseconds(since1970: createdAt)
        return Refund(id: id, saleID: sale.id, standID: sale.standID, kind: kind, scope: scope, amount: chosen,
                      operatorID: operatorID, supervisorID: supervisorID, reason: trimmedReason,
                      createdAt: JournalPayload.date(milliseconds: milliseconds), restock: restock)
    }

    /// Checks this refund against the sale and the refunds made before it (the store calls this
    /// inside the committing transaction, so two terminals cannot both refund the same money).
    public func validate(against sale: Sale, previous: [Refund]) throws(SaleError) {
        guard sale.id == saleID else { throw .refundForAnotherSale(expected: sale.id, found: saleID) }
        let limit = try Self.refundableLimit(of: sale, scope: scope, previous: previous.filter { $0.id != id })
        guard amount.currency == limit.currency else { throw .currencyMismatch(expected: limit.currency, found: amount.currency) }
        guard amount <= limit else { throw .refundExceedsRemaining(requested: amount, remaining: limit) }
    }

    /// The most that may be refunded for `scope` now.
    private static func refundableLimit(of sale: Sale, scope: RefundScope, previous: [Refund]) throws(SaleError) -> Money {
        let currency = sale.cart.currency
        if let other = previous.first(where: { $0.saleID != sale.id }) {
            throw .refundForAnotherSale(expected: sale.id, found: other.saleID)
        }
        if previous.contains(where: { $0.kind == .void && $0.scope == .wholeSale }) { throw .saleAlreadyVoided(sale.id) }
        if previous.contains(where: { $0.scope == .wholeSale }) { throw .nothingLeftToRefund(sale.id) }
        let remaining = sale.amountPaid - Money.sum(previous.map(\.amount), currency)
        switch scope {
        case .wholeSale:
            guard remaining.cents > 0 else { throw .nothingLeftToRefund(sale.id) }
            return remaining
        case .line(let index, let quantity):
            guard sale.cart.lines.indices.contains(index) else { throw .noSuchLine(index: index, lineCount: sale.cart.lines.count) }
            let line = sale.cart.lines[index]
            let earlier = previous.filter { $0.scope.lineIndex == index }
            let unitsLeft = line.quantity - earlier.reduce(0) { $0 + ($1.scope.quantity ?? 0) }
            guard quantity > 0, quantity <= unitsLeft else {
                throw .lineQuantityExceeded(index: index, requested: quantity, remaining: max(unitsLeft, 0))
            }
            let paidForLine = SaleLineFigures.allocate(sale.cart)[index].paid
            let share: Money
            if quantity == unitsLeft {
                share = paidForLine - Money.sum(earlier.map(\.amount), currency)
            } else {
                share = Money(cents: paidForLine.cents * Int64(quantity) / Int64(line.quantity), currency)
            }
            return min(max(share, .zero(currency)), max(remaining, .zero(currency)))
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, saleID, standID, kind, scope, amount, operatorID, supervisorID, reason, createdAt, restock
    }

    /// Decodes a stored refund, refusing a negative amount, an empty reason or a line scope
    /// without units.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let amount = try container.decode(Money.self, forKey: .amount)
        let reason = try container.decode(String.self, forKey: .reason)
        let scope = try container.decode(RefundScope.self, forKey: .scope)
        guard !amount.isNegative else { throw SaleError.nonPositiveAmount(tenderIndex: 0, amount: amount) }
        guard !reason.trimmingWhitespace().isEmpty else { throw SaleError.missingRefundReason }
        if case .line(let index, let quantity) = scope, index < 0 || quantity <= 0 {
            throw SaleError.lineQuantityExceeded(index: index, requested: quantity, remaining: 0)
        }
        self.init(id: try container.decode(RefundID.self, forKey: .id),
                  saleID: try container.decode(SaleID.self, forKey: .saleID),
                  standID: try container.decode(StandID.self, forKey: .standID),
                  kind: try container.decode(RefundKind.self, forKey: .kind),
                  scope: scope, amount: amount,
                  operatorID: try container.decode(OperatorID.self, forKey: .operatorID),
                  supervisorID: try container.decode(OperatorID.self, forKey: .supervisorID),
                  reason: reason,
                  createdAt: try container.decode(Date.self, forKey: .createdAt),
                  restock: try container.decode(Bool.self, forKey: .restock))
    }
}

/// A refund gives money back for goods returned; a void cancels what was rung by mistake.
public enum RefundKind: String, Hashable, Sendable, Codable, CaseIterable {
    case refund
    case void
}

/// What a refund covers: the whole sale, or some units of one line.
public enum RefundScope: Hashable, Sendable, Codable {
    case wholeSale
    /// `index` into the sale's cart lines (0-based); `quantity` units of it.
    case line(index: Int, quantity: Int)

    public var lineIndex: Int? {
        if case .line(let index, _) = self { return index }
        return nil
    }

    public var quantity: Int? {
        if case .line(_, let quantity) = self { return quantity }
        return nil
    }
}
