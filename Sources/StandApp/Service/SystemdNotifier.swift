import Foundation
import StandDrivers

/// One message of the sd_notify protocol.
public enum SystemdNotification: Hashable, Sendable {
    /// Started: the store is open and migrated, the devices are supervised.
    case ready
    /// The line `systemctl status` shows.
    case status(String)
    /// Still alive (the watchdog's pet).
    case watchdog
    /// Shutting down.
    case stopping
    /// The current start (or stop) needs this much longer than the unit's timeout allows.
    case extendTimeout(Duration)

    /// The datagram's text.
    public var text: String {
        switch self {
        case .ready: "READY=1"
        case .status(let line): "STATUS=" + line.replacingOccurrences(of: "\n", with: " ")
        case .watchdog: "WATCHDOG=1"
        case .stopping: "STOPPING=1"
        case .extendTimeout(let duration): "EXTEND_TIMEOUT_USEC=\(SystemdNotifier.microseconds(duration))"
        }
    }
}

/// Tells systemd how the service is doing, over the unix datagram socket it names in
/// `$NOTIFY_SOCKET` (a leading `@` is Linux's abstract namespace), one datagram per message.
/// Without the variable (not started by systemd, or not `Type=notify`) every send does nothing.
public final class SystemdNotifier: Sendable {
    private let socket: UnixDatagramSender?

    /// Whether systemd listens (the variable is set and names a usable socket address).
    public var isEnabled: Bool { socket != nil }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socket = environment["NOTIFY_SOCKET"].flatMap { try? UnixDatagramSender(address: $0) }
    }

    /// Sends one message; a failure is not the service's problem (systemd may be restarting) and is ignored.
    public func send(_ notification: SystemdNotification) {
        try? socket?.send(Array(notification.text.utf8))
    }

    /// How often to pet the watchdog: half of `$WATCHDOG_USEC`, when it is set for this process
    /// (`$WATCHDOG_PID`, when present, names it).
    public static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"].flatMap(Int32.init), pid != ProcessInfo.processInfo.processIdentifier { return nil }
        return .microseconds(microseconds / 2)
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }
}
