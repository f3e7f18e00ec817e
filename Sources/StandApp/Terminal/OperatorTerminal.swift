import Foundation
import StandCore
import StandHardware

/// The operator terminal of a stand: a pure state machine from keys, scans and effect results to
/// actions and display frames.
///
/// It does no I/O. The appliance feeds every ``TerminalInput`` with the current time through
/// ``handle(_:at:)``, performs the returned ``TerminalAction``s in order, feeds their results back
/// as inputs, and draws ``frame(geometry:)`` after each call. The terminal prices the cart itself
/// (``Pricer`` is pure) on every change, so the display always shows the running total; a sale is
/// shown as done only after the appliance reports `saleCommitted` (durable before visible).
///
/// ```swift
/// var terminal = OperatorTerminal(settings: settings, pricer: pricer, operators: directory, now: .now)
/// for action in terminal.handle(.key(.product(1)), at: .now) { try await appliance.perform(action) }
/// try await display.show(terminal.frame(geometry: display.geometry))
/// ```
public struct OperatorTerminal: Sendable {
    /// What the terminal is doing: which screen is up and what it waits for.
    public enum State: Hashable, Sendable {
        /// Nobody is logged in: PIN entry.
        case locked
        /// Ringing up the cart (with an empty cart: ready for the next customer).
        case ringing
        /// Showing the total with its discounts.
        case subtotal
        /// Typing the cash the customer handed over.
        case cashGiven
        /// Waiting for the card terminal's answer to this request.
        case awaitingCard(PaymentRequest)
        /// Waiting for the store to confirm this sale.
        case committing(Sale)
        /// The store did not take the sale; ENTER tries again (the cart is kept).
        case commitFailed(Sale, reason: String)
        /// The sale is stored: showing the change until the next key.
        case saleDone(Sale)
        /// The function menu; `selected` is the highlighted entry.
        case menu(selected: TerminalMenuItem)
        /// Picking the inventory item of a delivery or count (index into `inventoryItems`).
        case stockItem(StockUpdate, selected: Int)
        /// Typing the quantity delivered or counted.
        case stockQuantity(StockUpdate, InventoryItemID)
        /// Typing the cash in the drawer at shift open (the float) or close (the count).
        case shiftCash(ShiftEvent)
        /// Confirming the Z report, which closes the day.
        case confirmZReport
        /// Picking a named spot (index into the configured locations).
        case pickLocation(selected: Int)
        /// A supervisor types their PIN to approve a void or refund of the last sale.
        case supervisorApproval(RefundKind)
        /// Waiting for the appliance to finish an operation.
        case awaitingOperation(TerminalOperation)
        /// The sync status: nil until the appliance answers.
        case syncStatus(pendingEvents: Int?, lastAcknowledgedAt: Date?)
    }

    /// Which stock update the operator is entering.
    public enum StockUpdate: Hashable, Sendable {
        case delivery
        case count
    }

    /// Which end of a shift the cash count is for.
    public enum ShiftEvent: Hashable, Sendable {
        case open
        case close
    }

    public let settings: TerminalSettings
    public let pricer: Pricer
    public internal(set) var operators: OperatorDirectory
    /// The items a delivery or count can be entered for: every inventory item of the catalog's
    /// recipes and modifiers, in catalog order.
    public let inventoryItems: [InventoryItemID]

    public internal(set) var state: State
    /// The logged-in operator; nil while locked.
    public internal(set) var currentOperator: OperatorAccount?
    /// The cart being rung up and its current pricing (nil while empty).
    public internal(set) var cart = Cart()
    public internal(set) var pricedCart: PricedCart?
    /// The last sale stored on this terminal (reprint, void, refund).
    public internal(set) var lastSale: Sale?
    /// The spot the operator picked (or the configured default): where sales happen when there
    /// is no fresh GPS fix.
    public internal(set) var spot: SaleLocation?
    /// The last GPS fix and when it arrived.
    var lastFix: (location: SaleLocation, receivedAt: Date)?
    /// A GPS fix older than this no longer says where the stand is.
    static let fixValidity: TimeInterval = 120

    /// Where sales happen now: the last GPS fix while it is fresh, else the spot the operator
    /// picked. A sale records which of the two it carries.
    public var location: SaleLocation? {
        if let lastFix, now.timeIntervalSince(lastFix.receivedAt) <= Self.fixValidity { return lastFix.location }
        return spot
    }
    public internal(set) var devices: [DeviceKind: DeviceCondition] = [:]

    /// Digits (and a decimal point) typed so far.
    var entry = ""
    /// The quantity typed before × for the next product.
    var pendingQuantity: Int?
    /// The cart line picked with ↑/↓ for VOID; nil means the last line.
    var selectedLine: Int?
    /// The PIN digits typed on the locked or supervisor screen (never logged, shown masked).
    var pinEntry = ""
    var pinFailures = 0
    var pinLockedUntil: Date?
    /// The one-line note or error shown until the next key.
    var message: String?
    /// CLEAR pressed once with nothing typed: a second CLEAR cancels the sale.
    var confirmingCancel = false
    /// The id the open cart's sale will carry (card references name it).
    var saleID = SaleID()
    var cardAttempt = 0
    var pendingRefund: RefundRequest?
    var lastActivity: Date
    var now: Date

    /// A locked terminal.
    ///
    /// - Parameters:
    ///   - lastSale: the newest stored sale, so reprint and void work after a restart.
    ///   - location: the spot restored from the last run (or a fix just received), if any.
    public init(settings: TerminalSettings, pricer: Pricer, operators: OperatorDirectory, now: Date,
                lastSale: Sale? = nil, location: SaleLocation? = nil) {
        self.settings = settings
        self.pricer = pricer
        self.operators = operators
        self.inventoryItems = Self.inventoryItems(of: pricer.catalog)
        self.state = .locked
        self.lastSale = lastSale
        if case .fix = location { lastFix = location.map { ($0, now) } } else { spot = location }
        self.lastActivity = now
        self.now = now
    }

    /// Replaces the operator directory (an operator was added or their PIN changed).
    public mutating func updateOperators(_ directory: OperatorDirectory) {
        operators = directory
    }

    /// Feeds one input at time `now` and returns the effects to perform, in order.
    public mutating func handle(_ input: TerminalInput, at now: Date) -> [TerminalAction] {
        self.now = now
        if let until = pinLockedUntil, now >= until {
            pinLockedUntil = nil
            pinFailures = 0
        }
        switch input {
        case .key(let key):
            lastActivity = now
            return handleKey(key)
        case .scanned(let payload):
            lastActivity = now
            return handleScan(payload)
        case .tick:
            return autoLockIfIdle()
        case .saleCommitted(let id, let sequence):
            return saleCommitted(id, sequence: sequence)
        case .saleCommitFailed(let id, let reason):
            return saleCommitFailed(id, reason: reason)
        case .cardPrompt(let prompt):
            if case .awaitingCard = state { message = prompt }
            return []
        case .cardFinished(let reference, let result):
            return cardFinished(reference: reference, result)
        case .notice(let text):
            message = text
            return [.log(text)]
        case .drawerOpened:
            return []
        case .drawerFailed(let reason):
            message = "Drawer did not open: \(reason)"
            return [.log("cash drawer did not open: \(reason)")]
        case .receiptPrinted:
            return []
        case .receiptQueued(_, let reason):
            message = "\(reason) - receipt queued"
            return []
        case .device(let kind, let condition):
            return deviceChanged(kind, condition)
        case .location(let location):
            if case .fix = location { lastFix = (location, now) } else { spot = location }
            return []
        case .operationSucceeded(let operation, let text):
            return operationFinished(operation, message: text, succeeded: true)
        case .operationFailed(let operation, let reason):
            return operationFinished(operation, message: reason, succeeded: false)
        case .syncStatus(let pending, let acknowledged):
            if case .syncStatus = state { state = .syncStatus(pendingEvents: pending, lastAcknowledgedAt: acknowledged) }
            return []
        }
    }

    private static func inventoryItems(of catalog: Catalog) -> [InventoryItemID] {
        var seen: Set<InventoryItemID> = []
        var items: [InventoryItemID] = []
        for product in catalog.products {
            let components = product.recipe + product.modifiers.flatMap(\.recipeDelta)
            for component in components where seen.insert(component.item).inserted {
                items.append(component.item)
            }
        }
        return items
    }
}
