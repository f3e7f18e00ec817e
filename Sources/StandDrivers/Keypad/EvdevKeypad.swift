import Logging
import StandHardware

/// A USB numeric keypad (or any keyboard) read through Linux evdev (``EvdevDevice``: grabbed,
/// monotonic timestamps, unplug → `.disconnected`). Presses become `.keyPressed` through the
/// keymap; releases and autorepeat are ignored.
public final class EvdevKeypad: Keypad, Sendable {
    /// Where the keypad is and how to read it.
    public struct Settings: Hashable, Sendable {
        /// `/dev/input/by-id/usb-…-event-kbd` or `/dev/input/eventN`.
        public var path: String
        public var keymap: Keymap
        /// Take the device exclusively on claim (EVIOCGRAB). Only files that are not input
        /// devices (a FIFO in tests) are read without it.
        public var grabsExclusively: Bool
        /// How long one wait for input lasts; bounds how quickly `close()` returns.
        public var pollMilliseconds: Int32

        public init(path: String, keymap: Keymap = .usbNumericKeypad, grabsExclusively: Bool = true,
                    pollMilliseconds: Int32 = 100) {
            self.path = path
            self.keymap = keymap
            self.grabsExclusively = grabsExclusively
            self.pollMilliseconds = pollMilliseconds
        }
    }

    public let identity: DeviceIdentity
    public let capabilities = DeviceCapabilities.none
    private let device: EvdevDevice

    public init(settings: Settings, model: String = "USB numeric keypad") {
        identity = DeviceIdentity(kind: .keypad, model: model, connection: .file(path: settings.path))
        let keymap = settings.keymap
        let events = DeviceEventBroadcaster()
        device = EvdevDevice(.init(kind: .keypad, path: settings.path, grabsExclusively: settings.grabsExclusively,
                                   pollMilliseconds: settings.pollMilliseconds),
                             broadcaster: events, logger: Logger(label: "stand.keypad")) {
            { event in if let key = keymap.keyEvent(for: event) { events.send(.keyPressed(key)) } }
        }
    }

    public var state: DeviceState { device.state }
    public func events() -> AsyncStream<DeviceEvent> { device.broadcaster.subscribe() }
    public func open() async throws(DeviceError) { try device.open() }
    public func claim() async throws(DeviceError) { try device.claim() }
    public func enable() async throws(DeviceError) { try device.enable() }
    public func close() async { await device.close() }
}
