/// Cuts a byte stream from an evdev device into `InputEvent`s. A read may end in the middle of a
/// record; the rest is kept until the next bytes arrive.
public struct InputEventDecoder: Hashable, Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Bytes held back because they do not make a whole record yet.
    public var bufferedByteCount: Int { pending.count }

    /// Appends `bytes` and returns every record now complete, in order.
    public mutating func decode(_ bytes: some Collection<UInt8>) -> [InputEvent] {
        pending.append(contentsOf: bytes)
        let whole = pending.count / InputEvent.byteCount
        guard whole > 0 else { return [] }
        var events: [InputEvent] = []
        events.reserveCapacity(whole)
        for index in 0..<whole {
            let start = index * InputEvent.byteCount
            if let event = InputEvent(bytes: pending[start..<(start + InputEvent.byteCount)]) {
                events.append(event)
            }
        }
        pending.removeFirst(whole * InputEvent.byteCount)
        return events
    }
}
