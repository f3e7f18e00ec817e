/// A receipt printer that takes ESC/POS bytes: over USB, a device file, TCP, or virtual.
public protocol ReceiptPrinter: Device {
    /// Sends one whole job (a receipt: ESC/POS bytes from init to cut). Returns when the printer
    /// took every byte; throws `.paperOut`, `.coverOpen`, `.disconnected`… when it did not.
    func print(_ job: [UInt8]) async throws(DeviceError)
    /// Asks the printer for its real-time status (DLE EOT 1–4).
    func status() async throws(DeviceError) -> PrinterStatus
}

/// A printer's condition, as DLE EOT reports it.
public struct PrinterStatus: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Paper: String, Hashable, Sendable, Codable {
        case ok
        /// Near the end of the roll: finish this receipt, change the roll soon.
        case low
        case out
    }

    public var online: Bool
    public var paper: Paper
    public var coverOpen: Bool
    /// The cutter, the head or the mechanism reported an error.
    public var mechanicalError: Bool
    /// The drawer kick connector's pin 3 (drawer sensor through the printer), when wired.
    public var drawerSensorHigh: Bool?

    public init(online: Bool = true, paper: Paper = .ok, coverOpen: Bool = false, mechanicalError: Bool = false,
                drawerSensorHigh: Bool? = nil) {
        self.online = online
        self.paper = paper
        self.coverOpen = coverOpen
        self.mechanicalError = mechanicalError
        self.drawerSensorHigh = drawerSensorHigh
    }

    /// Ready to print a receipt.
    public var isReady: Bool { online && paper != .out && !coverOpen && !mechanicalError }

    /// The error that keeps it from printing, if any.
    public var blockingError: DeviceError? {
        if coverOpen { return .coverOpen }
        if paper == .out { return .paperOut }
        if mechanicalError { return .jammed(.receiptPrinter) }
        if !online { return .io(.receiptPrinter, detail: "printer reports offline") }
        return nil
    }

    public var description: String {
        if let error = blockingError { return error.summary }
        return paper == .low ? "paper low" : "ok"
    }
}
