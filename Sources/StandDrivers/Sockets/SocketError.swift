/// Why a socket could not be set up: the cases a caller words for its users, and any other
/// failed call.
public enum SocketError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The unix socket path does not fit a socket address (107 bytes at most).
    case pathTooLong(String)
    /// Another process answers on the unix socket already.
    case inUse(String)
    /// Something that is not a socket is in the way.
    case notASocket(String)
    case unknownGroup(String)
    /// Neither a `/path` nor an `@abstract` name.
    case notAnAddress(String)
    case system(SystemCallError)

    public var description: String {
        switch self {
        case .pathTooLong(let path): "\(path) is too long for a unix socket path (at most 107 bytes)"
        case .inUse(let path): "another process answers on \(path)"
        case .notASocket(let path): "\(path) exists and is not a socket"
        case .unknownGroup(let group): "the group \(group) does not exist"
        case .notAnAddress(let name): "\(name) is neither an absolute socket path nor an @abstract name"
        case .system(let error): error.description
        }
    }
}
