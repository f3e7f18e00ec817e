import StandDrivers

/// Why the control socket or the metrics listener could not be opened, with what to do.
public enum ControlError: Error, Hashable, Sendable, CustomStringConvertible {
    case pathTooLong(String)
    /// Another process answers on the socket already (a second standd?).
    case inUse(String)
    /// Something that is not a socket is in the way.
    case notASocket(String)
    case unknownGroup(String)
    /// A system call failed: which, on what, and errno's text.
    case system(call: String, target: String, reason: String)

    public var description: String {
        switch self {
        case .pathTooLong(let path):
            "The control socket path \(path) is too long for a unix socket (at most 107 bytes); choose a shorter --control-socket."
        case .inUse(let path):
            "Another standd already answers on \(path). Stop it first (systemctl stop standd) or give this one another --control-socket."
        case .notASocket(let path):
            "\(path) exists and is not a socket; remove it or choose another --control-socket."
        case .unknownGroup(let group):
            "The group \(group) does not exist, so the control socket cannot be given to it. Install the package (it creates the group) or run groupadd \(group)."
        case .system(let call, let target, let reason):
            "\(call) on \(target) failed: \(reason)"
        }
    }

    /// The driver's words for a socket that could not be opened, as the control socket's.
    init(_ error: SocketError) {
        switch error {
        case .pathTooLong(let path): self = .pathTooLong(path)
        case .inUse(let path): self = .inUse(path)
        case .notASocket(let path): self = .notASocket(path)
        case .unknownGroup(let group): self = .unknownGroup(group)
        case .notAnAddress(let name): self = .system(call: "socket", target: name, reason: error.description)
        case .system(let failure): self = .system(call: failure.call, target: failure.path, reason: failure.reason)
        }
    }
}
