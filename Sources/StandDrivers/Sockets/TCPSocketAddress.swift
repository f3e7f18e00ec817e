#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address literal and a port, as a socket address.
struct TCPSocketAddress: Sendable {
    let family: Int32
    private let storage: sockaddr_storage
    private let length: socklen_t

    /// `name` ("127.0.0.1:9464") is for errors; a host that is no address literal fails as inet_pton's EINVAL.
    init(host: String, port: UInt16, name: String) throws(SystemCallError) {
        let parsed: (family: Int32, storage: sockaddr_storage, length: Int)?
        if host.contains(":") {
            var address = sockaddr_in6()
            (address.sin6_family, address.sin6_port) = (sa_family_t(AF_INET6), port.bigEndian)
            parsed = inet_pton(AF_INET6, host, &address.sin6_addr) == 1 ? (AF_INET6, Self.storage(address), MemoryLayout.size(ofValue: address)) : nil
        } else {
            var address = sockaddr_in()
            (address.sin_family, address.sin_port) = (sa_family_t(AF_INET), port.bigEndian)
            parsed = inet_pton(AF_INET, host, &address.sin_addr) == 1 ? (AF_INET, Self.storage(address), MemoryLayout.size(ofValue: address)) : nil
        }
        guard let parsed else { throw SystemCallError(call: "inet_pton", path: name, errno: EINVAL) }
        (family, storage, length) = (parsed.family, parsed.storage, socklen_t(parsed.length))
    }

    private static func storage<Address>(_ address: Address) -> sockaddr_storage {
        var storage = sockaddr_storage()
        withUnsafeBytes(of: address) { source in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) } }
        return storage
    }

    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemCallError) -> T) throws(SystemCallError) -> T {
        var storage = storage
        return try withUnsafePointer(to: &storage) { pointer throws(SystemCallError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemCallError) in
                try body(address, length)
            }
        }
    }
}
