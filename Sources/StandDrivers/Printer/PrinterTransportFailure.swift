#if canImport(Glibc)
import Glibc
#endif
/// Why a printer channel stopped: a failed call, a peer that stopped taking or giving data within
/// the time allowed, or a peer that closed the line.
enum PrinterTransportFailure: Error, Sendable {
    case system(SystemCallError)
    /// `operation` did not finish in time; `done` of `total` bytes went through.
    case timedOut(operation: String, done: Int, total: Int)
    /// The other end closed the connection (recv returned 0).
    case closedByPeer(String)

    /// The printer or its connection is gone rather than slow or wrong.
    var meansDisconnected: Bool {
        switch self {
        case .system(let error): error.meansDisconnected || [EPIPE, ECONNRESET, ENOTCONN, ECONNABORTED, ESHUTDOWN].contains(error.errno)
        case .timedOut: false
        case .closedByPeer: true
        }
    }

    var detail: String {
        switch self {
        case .system(let error): error.description
        case .timedOut(let operation, let done, let total): "\(operation) timed out after \(done) of \(total) bytes"
        case .closedByPeer(let path): "\(path) closed the connection"
        }
    }
}
