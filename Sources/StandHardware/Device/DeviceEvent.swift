/// Something a device reports on its own, delivered through `Device.events()`.
public enum DeviceEvent: Hashable, Sendable {
    case stateChanged(DeviceState)
    case disconnected
    case reconnected
    /// A printer's paper, cover or error condition changed.
    case printerStatus(PrinterStatus)
    case drawerOpened
    case drawerClosed
    /// The drawer has stayed open longer than allowed.
    case drawerLeftOpen(seconds: Int)
    case codeScanned(ScannedCode)
    case keyPressed(KeyEvent)
    /// The card terminal shows the customer something ("Insert card", "PIN entry"): shown on
    /// the stand's display too.
    case terminalPrompt(String)
    case cardInserted
    /// The card terminal's receipt of one transaction, line by line, for the stand's printer.
    case terminalPrintout([String])
    case locationFix(LocationFix)
}
