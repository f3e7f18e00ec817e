import StandHardware

/// The devices a stand has, one per kind, each optional: a stand without a printer or a card
/// terminal still sells (receipts queue, the card key says why it cannot be used).
public struct DeviceSet: Sendable {
    public var printer: (any ReceiptPrinter)?
    public var drawer: (any CashDrawer)?
    public var paymentTerminal: (any PaymentTerminal)?
    public var keypad: (any Keypad)?
    public var scanner: (any Scanner)?
    public var display: (any Display)?
    public var location: (any LocationSource)?

    public init(printer: (any ReceiptPrinter)? = nil, drawer: (any CashDrawer)? = nil,
                paymentTerminal: (any PaymentTerminal)? = nil, keypad: (any Keypad)? = nil, scanner: (any Scanner)? = nil,
                display: (any Display)? = nil, location: (any LocationSource)? = nil) {
        self.printer = printer
        self.drawer = drawer
        self.paymentTerminal = paymentTerminal
        self.keypad = keypad
        self.scanner = scanner
        self.display = display
        self.location = location
    }

    /// The configured device of `kind`, if any.
    public func device(_ kind: DeviceKind) -> (any Device)? {
        switch kind {
        case .receiptPrinter: printer
        case .cashDrawer: drawer
        case .paymentTerminal: paymentTerminal
        case .keypad: keypad
        case .scanner: scanner
        case .display: display
        case .locationSource: location
        }
    }

    /// Every configured device with its kind, in `DeviceKind` order.
    public var configured: [(kind: DeviceKind, device: any Device)] {
        DeviceKind.allCases.compactMap { kind in device(kind).map { (kind, $0) } }
    }
}
