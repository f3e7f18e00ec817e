/// One decoded reply byte to `DLE EOT n`. Every reply has bit 1 and bit 4 set and bits 0 and 7
/// clear; the other bits are the flags below (Epson ESC/POS). `byte` encodes it back, which is
/// what a virtual printer answers.
public enum StatusReply: Hashable, Sendable {
    /// n = 1. Bit 2: drawer kick connector pin 3 high; bit 3: offline; bit 5: waiting for online
    /// recovery; bit 6: paper feed button pressed.
    case printer(drawerPin3High: Bool, offline: Bool, waitingForRecovery: Bool, feedButtonPressed: Bool)
    /// n = 2. Bit 2: cover open; bit 3: paper being fed by the feed button; bit 5: printing stopped
    /// at paper end; bit 6: an error occurred.
    case offlineCause(coverOpen: Bool, feedingByButton: Bool, paperEndStop: Bool, errorOccurred: Bool)
    /// n = 3. Bit 2: mechanical error (models that report it); bit 3: autocutter error; bit 5:
    /// unrecoverable error; bit 6: auto-recoverable error (head too hot).
    case errorCause(mechanical: Bool, autocutter: Bool, unrecoverable: Bool, autoRecoverable: Bool)
    /// n = 4. Bits 2 and 3: roll paper near end; bits 5 and 6: roll paper end.
    case paperSensor(nearEnd: Bool, end: Bool)

    /// The request this byte answers.
    public var request: StatusRequest {
        switch self {
        case .printer: .printer
        case .offlineCause: .offlineCause
        case .errorCause: .errorCause
        case .paperSensor: .paperSensor
        }
    }

    /// The reply byte, fixed bits included: 0x12 is "all clear" for every request.
    public var byte: UInt8 {
        func bit(_ on: Bool, _ position: UInt8) -> UInt8 { on ? 1 << position : 0 }
        let fixed: UInt8 = 0x12
        switch self {
        case .printer(let pin3, let offline, let waiting, let feed):
            return fixed | bit(pin3, 2) | bit(offline, 3) | bit(waiting, 5) | bit(feed, 6)
        case .offlineCause(let cover, let feeding, let paperEnd, let error):
            return fixed | bit(cover, 2) | bit(feeding, 3) | bit(paperEnd, 5) | bit(error, 6)
        case .errorCause(let mechanical, let cutter, let unrecoverable, let autoRecoverable):
            return fixed | bit(mechanical, 2) | bit(cutter, 3) | bit(unrecoverable, 5) | bit(autoRecoverable, 6)
        case .paperSensor(let nearEnd, let end):
            return fixed | bit(nearEnd, 2) | bit(nearEnd, 3) | bit(end, 5) | bit(end, 6)
        }
    }
}
