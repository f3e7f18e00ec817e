import StandHardware

/// Where a card terminal line is: closed, open on a descriptor, or lost (unplugged, connection
/// dropped) until the next `open()`, which every read and write reports meanwhile.
enum LineState {
    case closed
    case open(LineDescriptor)
    case lost(DeviceError)

    /// The open descriptor, or the error that says why there is none.
    func descriptor(for operation: String) throws(DeviceError) -> LineDescriptor {
        switch self {
        case .open(let descriptor): return descriptor
        case .lost(let error): throw error
        case .closed: throw .wrongState(.closed, operation)
        }
    }

    /// The error for a call whose descriptor was closed while it waited: the loss that closed
    /// it, or else a `close()` (or a new `open()`) that came in between.
    func closedMeanwhile(_ operation: String) -> DeviceError {
        if case .lost(let error) = self { return error }
        return .wrongState(.closed, operation)
    }

    mutating func close() {
        if case .open(let descriptor) = self { descriptor.close() }
        self = .closed
    }

    /// `descriptor` failed for good: it is closed, and the line remembers `error` unless it was
    /// closed or opened again while the failed call waited.
    mutating func lose(_ descriptor: LineDescriptor, because error: DeviceError) {
        descriptor.close()
        guard case .open(let current) = self, current === descriptor else { return }
        self = .lost(error)
    }
}
