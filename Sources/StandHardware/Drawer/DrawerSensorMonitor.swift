/// Turns a drawer sensor's readings into the events the stand cares about: opened, closed, and
/// "left open" once per opening after `leftOpenAfter` seconds. Pure: the driver feeds it levels
/// and time, so GPIO, the printer's DLE EOT pin 3 and tests all share it.
public struct DrawerSensorMonitor: Hashable, Sendable {
    /// Seconds a drawer may stay open before `drawerLeftOpen` is reported.
    public let leftOpenAfter: Int
    public private(set) var isOpen: Bool?
    private var openedAt: Double?
    private var warned = false

    public init(leftOpenAfter: Int) {
        self.leftOpenAfter = leftOpenAfter
    }

    /// The sensor reads `open` at `seconds` (any monotonic clock, in seconds).
    public mutating func sensor(open: Bool, at seconds: Double) -> [DeviceEvent] {
        defer { isOpen = open }
        guard open != isOpen else { return [] }
        if open {
            openedAt = seconds
            warned = false
            // The first reading after start is a state, not a change: report it only when open.
            return [.drawerOpened]
        }
        openedAt = nil
        return isOpen == nil ? [] : [.drawerClosed]
    }

    /// Time passes; reports `drawerLeftOpen` once when the drawer has been open too long.
    public mutating func tick(at seconds: Double) -> [DeviceEvent] {
        guard let openedAt, !warned, seconds - openedAt >= Double(leftOpenAfter) else { return [] }
        warned = true
        return [.drawerLeftOpen(seconds: Int(seconds - openedAt))]
    }
}
