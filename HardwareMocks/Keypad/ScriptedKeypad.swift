import StandHardware
import Synchronization

/// A keypad the test drives: each pressed key is a `DeviceEvent.keyPressed` while enabled,
/// stamped with a millisecond counter that advances by `millisecondsPerKey`.
public final class ScriptedKeypad: Keypad, Sendable {
    private let core: MockDeviceCore
    private let clock = Mutex<UInt64>(0)
    private let millisecondsPerKey: UInt64
    public let capabilities = DeviceCapabilities.none

    public init(name: String = "keypad", millisecondsPerKey: UInt64 = 150) {
        core = MockDeviceCore(kind: .keypad, model: "scripted keypad", name: name)
        self.millisecondsPerKey = millisecondsPerKey
    }

    public var identity: DeviceIdentity { core.identity }
    public var state: DeviceState { core.state }
    public func open() async throws(DeviceError) { try core.open() }
    public func claim() async throws(DeviceError) { try core.claim() }
    public func enable() async throws(DeviceError) { try core.enable() }
    public func close() async { core.close() }
    public func events() -> AsyncStream<DeviceEvent> { core.broadcaster.subscribe() }

    /// Presses the keys in order; returns false (and sends nothing) when not enabled.
    @discardableResult
    public func press(_ keys: Key...) -> Bool { press(keys) }

    @discardableResult
    public func press(_ keys: [Key]) -> Bool {
        guard core.state == .enabled else { return false }
        for key in keys {
            let time = clock.withLock { now in
                now += millisecondsPerKey
                return now
            }
            core.send(.keyPressed(KeyEvent(key, timestampMilliseconds: time)))
        }
        return true
    }

    /// Types an amount or PLU: each digit and the decimal point becomes its key.
    @discardableResult
    public func type(_ digits: String) -> Bool {
        press(digits.compactMap { character -> Key? in
            if character == "." || character == "," { return .decimalPoint }
            return character.wholeNumberValue.map(Key.digit)
        })
    }

    public func unplug() { core.unplug() }
    public func plugIn() { core.plugIn() }
}
