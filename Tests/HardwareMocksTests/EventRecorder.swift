import StandHardware
import Synchronization

/// Collects a device's events in the background so a test can wait for them with a deadline
/// instead of hanging when one never comes.
final class EventRecorder: Sendable {
    private final class Received: Sendable {
        let events = Mutex<[DeviceEvent]>([])
    }

    private let received = Received()
    private let task: Task<Void, Never>

    init(_ device: any Device) {
        let stream = device.events()
        let received = self.received
        task = Task {
            for await event in stream { received.events.withLock { $0.append(event) } }
        }
    }

    deinit { task.cancel() }

    var events: [DeviceEvent] { received.events.withLock { $0 } }

    /// The events so far once `condition` holds for them, or after two seconds.
    func wait(until condition: ([DeviceEvent]) -> Bool) async -> [DeviceEvent] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(2))
        while clock.now < deadline {
            let now = events
            if condition(now) { return now }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return events
    }

    func wait(for event: DeviceEvent) async -> [DeviceEvent] { await wait { $0.contains(event) } }
}
