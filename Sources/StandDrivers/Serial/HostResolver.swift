#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One address getaddrinfo gave for a host, copied out of its list.
struct SocketAddress: Sendable {
    var family: Int32
    var storage: sockaddr_storage
    var length: socklen_t
}

/// getaddrinfo's answer when it has none: its message in words.
struct HostLookupFailure: Error {
    let message: String
}

/// Looks up the TCP addresses of a host and port on a thread of its own: a name may wait on DNS
/// for seconds, which must not hold one of Swift's few cooperative threads.
enum HostResolver {
    static func addresses(of host: String, port: UInt16) async throws(HostLookupFailure) -> [SocketAddress] {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<[SocketAddress], HostLookupFailure>, Never>) in
            Thread.detachNewThread { continuation.resume(returning: lookUp(host, port: port)) }
        }
        return try result.get()
    }

    private static func lookUp(_ host: String, port: UInt16) -> Result<[SocketAddress], HostLookupFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            let message = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            return .failure(HostLookupFailure(message: "getaddrinfo(\(host)): \(message)"))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var entry = list
        while let info = entry?.pointee {
            if let address = info.ai_addr, Int(info.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen))) }
                addresses.append(SocketAddress(family: info.ai_family, storage: storage, length: info.ai_addrlen))
            }
            entry = info.ai_next
        }
        return addresses.isEmpty ? .failure(HostLookupFailure(message: "getaddrinfo(\(host)): no TCP address")) : .success(addresses)
    }
}
