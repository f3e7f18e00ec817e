/// Reads the one-byte replies to `DLE EOT 1…4` into `StatusReply` values and a `PrinterStatus`.
///
/// A reply whose fixed bits are wrong (bit 1 and bit 4 must be 1, bits 0 and 7 must be 0) is not
/// a status byte at all (a garbled line, a printer answering something else) and is rejected
/// with `EscPosError.malformedStatus` instead of being read as a condition.
public enum PrinterStatusParser {
    /// Decodes one reply byte to `request`.
    public static func parse(_ byte: UInt8, for request: StatusRequest) throws(EscPosError) -> StatusReply {
        if byte & 0b1000_0001 != 0 {
            throw .malformedStatus(request: request, byte: byte, reason: "has bit 0 or bit 7 set (both are always 0)")
        }
        if byte & 0b0001_0010 != 0b0001_0010 {
            throw .malformedStatus(request: request, byte: byte, reason: "has bit 1 or bit 4 clear (both are always 1)")
        }
        func bit(_ position: UInt8) -> Bool { byte & (1 << position) != 0 }
        switch request {
        case .printer:
            return .printer(drawerPin3High: bit(2), offline: bit(3), waitingForRecovery: bit(5), feedButtonPressed: bit(6))
        case .offlineCause:
            return .offlineCause(coverOpen: bit(2), feedingByButton: bit(3), paperEndStop: bit(5), errorOccurred: bit(6))
        case .errorCause:
            return .errorCause(mechanical: bit(2), autocutter: bit(3), unrecoverable: bit(5), autoRecoverable: bit(6))
        case .paperSensor:
            // Printers with one sensor set only one bit of each pair: either one counts.
            return .paperSensor(nearEnd: bit(2) || bit(3), end: bit(5) || bit(6))
        }
    }

    /// Folds one reply into `status`, so a driver can ask only the requests it needs.
    public static func apply(_ reply: StatusReply, to status: inout PrinterStatus) {
        switch reply {
        case .printer(let pin3, let offline, _, _):
            status.drawerSensorHigh = pin3
            status.online = !offline
        case .offlineCause(let coverOpen, _, let paperEndStop, let errorOccurred):
            status.coverOpen = coverOpen
            if paperEndStop { status.paper = .out }
            if errorOccurred { status.mechanicalError = true }
        case .errorCause(let mechanical, let autocutter, let unrecoverable, let autoRecoverable):
            if mechanical || autocutter || unrecoverable || autoRecoverable { status.mechanicalError = true }
        case .paperSensor(let nearEnd, let end):
            if end {
                status.paper = .out
            } else if nearEnd, status.paper == .ok {
                status.paper = .low
            }
        }
    }

    /// The printer's condition from the replies to all four requests, in order 1, 2, 3, 4.
    public static func status(printer: UInt8, offlineCause: UInt8, errorCause: UInt8,
                              paperSensor: UInt8) throws(EscPosError) -> PrinterStatus {
        var status = PrinterStatus()
        let replies: [(UInt8, StatusRequest)] = [(printer, .printer), (offlineCause, .offlineCause),
                                                 (errorCause, .errorCause), (paperSensor, .paperSensor)]
        for (byte, request) in replies {
            apply(try parse(byte, for: request), to: &status)
        }
        return status
    }
}
