/// The four real-time status requests, `DLE EOT n`. The printer answers each with one byte, even
/// while it is offline or stopped, ahead of any job data it is still working on.
public enum StatusRequest: UInt8, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// n = 1: online/offline and the drawer kick connector's pin 3.
    case printer = 1
    /// n = 2: why it is offline: cover open, paper fed with the button, paper end, error.
    case offlineCause = 2
    /// n = 3: which error: autocutter, unrecoverable, auto-recoverable.
    case errorCause = 3
    /// n = 4: the roll paper sensors: near end, end.
    case paperSensor = 4

    /// `10 04 n`.
    public var command: [UInt8] { [0x10, 0x04, rawValue] }

    public var description: String { "DLE EOT \(rawValue)" }
}
