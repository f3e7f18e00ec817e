import StandHardware
import Synchronization

/// A keypad-like device whose start can be made to fail and which can be unplugged and plugged
/// back in: drives the supervisor's reconnect logic without any mock from HardwareMocks.
final class FlakyDevice: Keypad, @unchecked Sendable {
    let identity: DeviceIdentity
    let capabilities = DeviceCapabilities.none
    private let broadcaster = DeviceEventBroadcaster()
    private struct Inner {
        var lifecycle = DeviceLifecycle()
        var failStarts = 0
        var plugged = true
        var starts = 0
        var opens = 0
    }
    private let inner = Mutex(Inner())

    init(name: String = "flaky", failStarts: Int = 0, plugged: Bool = true) {
        identity = DeviceIdentity(kind: .keypad, model: "test keypad", connection: .virtual(name: name))
        inner.withLock {
            $0.failStarts = failStarts
            $0.plugged = plugged
        }
    }

    var state: DeviceState { inner.withLock { $0.lifecycle.state } }
    /// Successful starts so far.
    var starts: Int { inner.withLock { $0.starts } }
    /// Open attempts so far.
    var opens: Int { inner.withLock { $0.opens } }

    func open() async throws(DeviceError) {
        let result: DeviceError? = inner.withLock { inner in
            inner.opens += 1
            if !inner.plugged { return .notFound(.keypad, "virtual:test") }
            if inner.failStarts > 0 {
                inner.failStarts -= 1
                return .io(.keypad, detail: "scripted start failure")
            }
            do throws(DeviceError) { try inner.lifecycle.opened() } catch { return error }
            return nil
        }
        if let result { throw result }
    }

    func claim() async throws(DeviceError) {
        let result: DeviceError? = inner.withLock { inner in
            do throws(DeviceError) { try inner.lifecycle.claimed() } catch { return error }
            return nil
        }
        if let result { throw result }
    }

    func enable() async throws(DeviceError) {
        let result: DeviceError? = inner.withLock { inner in
            do throws(DeviceError) { try inner.lifecycle.enabled() } catch { return error }
            inner.starts += 1
            return nil
        }
        if let result { throw result }
    }

    func close() async {
        inner.withLock { $0.lifecycle.closed() }
    }

    func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    func press(_ key: Key) { broadcaster.send(.keyPressed(KeyEvent(key))) }

    func unplug() {
        inner.withLock {
            $0.plugged = false
            $0.lifecycle.disconnected()
        }
        broadcaster.send(.disconnected)
    }

    func replug() {
        inner.withLock { $0.plugged = true }
        broadcaster.send(.reconnected)
    }

    /// Plugged back in without telling anyone (a device without hot-plug events).
    func replugSilently() {
        inner.withLock { $0.plugged = true }
    }
}

/// Polls `condition` every few milliseconds until it holds or `seconds` pass. Generous: when the
/// whole package's tests run in parallel, the tasks under test may wait a while for a thread.
func eventually(_ seconds: Double = 30, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(Int(seconds * 1000))
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
