import StandCore
import StandHardware

/// An effect the terminal asks the appliance to perform. The terminal itself does no I/O; the
/// appliance performs each action in order and feeds the result back as a ``TerminalInput``.
public enum TerminalAction: Hashable, Sendable {
    /// Store the sale durably (`StandStore.commit`), then report `saleCommitted` or
    /// `saleCommitFailed`. The terminal shows the sale as done only after `saleCommitted`.
    case commitSale(Sale)
    /// Charge the card terminal for the draft's total (stored first, see ``CardPaymentDesk``);
    /// report `cardFinished` with the draft's reference.
    case authorizeCard(CardSaleDraft)
    /// Stop the card authorization in progress (the result still arrives as `cardFinished`).
    case abortCard
    /// Pulse the cash drawer; report `drawerOpened` or `drawerFailed`.
    case openDrawer
    /// Print the sale's receipt (`copy`: a reprint, marked COPY); report `receiptPrinted` or
    /// `receiptQueued`.
    case printReceipt(Sale, copy: Bool)
    /// Record a delivery of `quantity` base units of an inventory item; report the operation.
    case recordDelivery(InventoryItemID, quantity: Int64, by: OperatorID)
    /// Record a stock count of an inventory item; report the operation.
    case recordCount(InventoryItemID, counted: Int64, by: OperatorID)
    /// Open the operator's shift with the float in the drawer; report the operation.
    case openShift(OperatorID, float: Money)
    /// Close the operator's shift with the cash counted in the drawer; report the operation.
    case closeShift(OperatorID, counted: Money)
    /// Print an X or Z report; report the operation.
    case printReport(ReportKind, by: OperatorID)
    /// Answer with `syncStatus`.
    case querySyncStatus
    /// The operator picked a named spot: sales from now on carry it (persist it if wanted).
    case setLocation(SaleLocation)
    /// A refund or void of a committed sale, approved by a supervisor: build it with
    /// `Refund.make` (with the sale's previous refunds), commit it, report the operation.
    case refundOrVoid(RefundRequest)
    /// The terminal locked (an operator logged out or it auto-locked).
    case lock
    /// A line for the log (never contains a PIN).
    case log(String)
}

/// A refund or void of a committed sale the terminal asks for, with the approving supervisor.
public struct RefundRequest: Hashable, Sendable {
    public let sale: Sale
    public let kind: RefundKind
    public let scope: RefundScope
    public let operatorID: OperatorID
    public let supervisorID: OperatorID
    public let reason: String
    /// Put the goods back into stock (refunds of untouched goods); voids restock.
    public let restock: Bool

    public init(sale: Sale, kind: RefundKind, scope: RefundScope, operatorID: OperatorID, supervisorID: OperatorID,
                reason: String, restock: Bool) {
        self.sale = sale
        self.kind = kind
        self.scope = scope
        self.operatorID = operatorID
        self.supervisorID = supervisorID
        self.reason = reason
        self.restock = restock
    }
}
