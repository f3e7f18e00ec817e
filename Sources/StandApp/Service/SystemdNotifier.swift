import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
    private let descriptor: Int32
    private let address: [UInt8]

    /// Whether systemd listens (the variable is set and names a usable socket address).
    public var isEnabled: Bool { descriptor >= 0 }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let name = environment["NOTIFY_SOCKET"], let address = Self.address(name),
              case let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0),
              descriptor >= 0
        else {
            descriptor = -1
            address = []
            return
        }
        self.descriptor = descriptor
        self.address = address
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Sends one message; a failure is not the service's problem (systemd may be restarting) and is ignored.
    public func send(_ notification: SystemdNotification) {
        guard isEnabled else { return }
        let bytes = Array(notification.text.utf8)
        _ = address.withUnsafeBytes { socketAddress in
            bytes.withUnsafeBytes { payload in
                sendto(descriptor, payload.baseAddress, payload.count, Int32(MSG_NOSIGNAL),
                       socketAddress.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(socketAddress.count))
            }
        }
    }

    /// How often to pet the watchdog: half of `$WATCHDOG_USEC`, when it is set for this process
    /// (`$WATCHDOG_PID`, when present, names it).
    public static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"].flatMap(Int32.init), pid != getpid() { return nil }
        return .microseconds(microseconds / 2)
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }

    /// The `sockaddr_un` bytes for a path or an `@abstract` name; nil when it does not fit.
    static func address(_ name: String) -> [UInt8]? {
        var path = Array(name.utf8)
        let abstract = path.first == UInt8(ascii: "@")
        guard abstract ? path.count > 1 : path.first == UInt8(ascii: "/") else { return nil }
        if abstract { path[0] = 0 } else { path.append(0) }
        var address = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count <= capacity else { return nil }
        address.sun_family = sa_family_t(AF_UNIX)
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        var bytes = withUnsafeBytes(of: &address) { Array($0.prefix(pathOffset)) }
        bytes += path
        return bytes
    }
}
