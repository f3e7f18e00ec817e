/// Where the optional TCP metrics listener binds: `[metrics] listen = "127.0.0.1:9464"`.
/// Only loopback addresses are accepted, so the metrics never leave the board unless a local
/// agent forwards them.
public struct MetricsAddress: Hashable, Sendable, CustomStringConvertible {
    /// `127.0.0.1` (any 127.x.y.z) or `::1`.
    public let host: String
    public let port: UInt16

    /// Parses `127.0.0.1:9464`, `[::1]:9464` or `localhost:9464`; nil unless it is loopback with a port.
    public init?(_ text: String) {
        let host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            (host, port) = (parts[0], parts[1])
        }
        guard let number = UInt16(port), number > 0 else { return nil }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
        if host == "localhost" {
            self.host = "127.0.0.1"
        } else if host == "::1" {
            self.host = "::1"
        } else if octets.count == 4, host.split(separator: ".").count == 4, octets[0] == 127 {
            self.host = String(host)
        } else {
            return nil
        }
        self.port = number
    }

    public var isIPv6: Bool { host.contains(":") }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
