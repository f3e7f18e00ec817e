import Foundation

/// One pulse on a virtual drawer's solenoid.
public struct DrawerPulse: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        /// `openDrawer()` on the drawer itself (GPIO).
        case direct
        /// `ESC p` through the printer's kick connector.
        case printerKick
    }

    public let time: Date
    public let source: Source
    /// How long the solenoid was on.
    public let milliseconds: Int
    /// Whether the drawer opened (false when jammed).
    public let opened: Bool

    public init(time: Date, source: Source, milliseconds: Int, opened: Bool) {
        self.time = time
        self.source = source
        self.milliseconds = milliseconds
        self.opened = opened
    }
}
