import Synchronization

/// Hands each event to every open subscription: the fan-out behind `Device.events()`.
public final class DeviceEventBroadcaster: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<DeviceEvent>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    public init() {}

    /// A new subscription; it ends when the subscriber stops iterating or `finish()` is called.
    public func subscribe(bufferingNewest limit: Int = 256) -> AsyncStream<DeviceEvent> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<DeviceEvent>.makeStream(bufferingPolicy: .bufferingNewest(limit))
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLock { _ = $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = continuation }
        return stream
    }

    public func send(_ event: DeviceEvent) {
        let targets = subscribers.withLock { Array($0.values) }
        for continuation in targets { continuation.yield(event) }
    }

    /// Ends every subscription.
    public func finish() {
        let targets = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
