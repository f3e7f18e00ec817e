import Foundation
import StandCore
import StandHardware

/// Everything the operator terminal reacts to: what the operator did (keys, scans), what the
/// appliance's effects came to (the results of the ``TerminalAction``s it performed), device
/// conditions and the passing of time. The appliance feeds each one through
/// ``OperatorTerminal/handle(_:at:)`` with the current time.
public enum TerminalInput: Hashable, Sendable {
    /// A key of the keypad.
    case key(Key)
    /// A code read by the scanner (an order QR, a product code).
    case scanned(String)
    /// Time passed; drives auto-lock and the PIN lockout countdown.
    case tick

    /// `commitSale` succeeded: the sale is durable under this journal sequence number.
    case saleCommitted(SaleID, journalSequence: Int64)
    /// `commitSale` failed; nothing was stored. `reason` is the store's error in words.
    case saleCommitFailed(SaleID, reason: String)

    /// A prompt the card terminal shows the customer ("Insert card", "Enter PIN").
    case cardPrompt(String)
    /// How the `authorizeCard` with this reference ended.
    case cardFinished(reference: String, CardResult)

    /// The drawer opened after `openDrawer`.
    case drawerOpened
    /// The drawer did not open; the sale stands.
    case drawerFailed(reason: String)

    /// The receipt (or report) for this sale came out of the printer.
    case receiptPrinted(SaleID)
    /// The printer cannot print now; the receipt is queued and prints, whole, when it returns.
    case receiptQueued(SaleID, reason: String)

    /// A device's condition changed (feed every kind once at start).
    case device(DeviceKind, DeviceCondition)
    /// A location source reported where the stand is; sales from now on carry it.
    case location(SaleLocation)

    /// An operation (stock, shift, report, refund) the appliance performed succeeded; `message`
    /// is shown to the operator ("Delivery of 50 bun recorded").
    case operationSucceeded(TerminalOperation, message: String)
    /// An operation failed; `reason` says what happened and what to do.
    case operationFailed(TerminalOperation, reason: String)
    /// Something the operator must read that no key of theirs caused (a card payment from
    /// before a restart resolved).
    case notice(String)
    /// The answer to `querySyncStatus`.
    case syncStatus(pendingEvents: Int, lastAcknowledgedAt: Date?)
}
