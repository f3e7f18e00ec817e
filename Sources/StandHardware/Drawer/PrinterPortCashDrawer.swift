/// A cash drawer wired to the receipt printer's drawer kick connector: opening it sends
/// `ESC p` through the printer, so it works with every printer driver. It has no sensor of its
/// own (so no opened/closed events), and it can only open while the printer takes data.
public actor PrinterPortCashDrawer: CashDrawer {
    public nonisolated let identity: DeviceIdentity
    public nonisolated let capabilities = DeviceCapabilities.none
    private let printer: any ReceiptPrinter
    private let kick: [UInt8]
    private var lifecycle = DeviceLifecycle()
    private let broadcaster = DeviceEventBroadcaster()

    /// - Parameter pulseMilliseconds: how long the solenoid is driven (2…510 ms, even).
    public init(printer: any ReceiptPrinter, pulseMilliseconds: Int = 100,
                pin: EscPosEncoder.DrawerPin = .pin2) throws(EscPosError) {
        self.printer = printer
        var encoder = EscPosEncoder()
        try encoder.kickDrawer(pin: pin, onMilliseconds: pulseMilliseconds, offMilliseconds: max(pulseMilliseconds, 100))
        kick = encoder.bytes
        identity = DeviceIdentity(kind: .cashDrawer, model: "drawer on the printer's kick connector",
                                  connection: printer.identity.connection)
    }

    public var state: DeviceState { lifecycle.state }

    public func open() async throws(DeviceError) { try lifecycle.opened() }
    public func claim() async throws(DeviceError) { try lifecycle.claimed() }
    public func enable() async throws(DeviceError) { try lifecycle.enabled() }

    public func close() async {
        lifecycle.closed()
        broadcaster.finish()
    }

    public nonisolated func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    public func openDrawer() async throws(DeviceError) {
        guard lifecycle.state == .enabled else { throw .wrongState(lifecycle.state, "open the drawer") }
        do {
            try await printer.print(kick)
        } catch {
            throw DeviceError(code: error.code, summary: "The drawer opens through the printer, which cannot take it now: \(error.summary)",
                              action: "Open the drawer with its key; \(error.action)", detail: error.detail)
        }
    }

    /// Unknown: the kick connector's sensor pin is not read.
    public var isOpen: Bool? { nil }
}
