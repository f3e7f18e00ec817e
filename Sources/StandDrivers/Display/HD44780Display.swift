#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// A 20×4 (or other) HD44780 character LCD behind a PCF8574 I²C backpack on `/dev/i2c-N`. The
/// controller is initialised on enable; each frame rewrites only the rows that changed. The
/// byte stream comes from `HD44780Encoder`; this type only selects the address and writes it.
public actor HD44780Display: Display {
    /// Where the LCD is and how it is built.
    public struct Settings: Hashable, Sendable {
        /// The I²C bus device, `/dev/i2c-1` on a Raspberry Pi.
        public var path: String
        /// The backpack's 7-bit address: 0x27 (PCF8574) or 0x3F (PCF8574A) as shipped.
        public var address: UInt8
        public var geometry: DisplayGeometry
        public var backlight: Bool
        /// Select the address with I2C_SLAVE after opening. Only a test writing into a plain
        /// file turns this off.
        public var selectsI2CAddress: Bool

        public init(path: String = "/dev/i2c-1", address: UInt8 = 0x27, geometry: DisplayGeometry = .lcd20x4,
                    backlight: Bool = true, selectsI2CAddress: Bool = true) {
            self.path = path
            self.address = address
            self.geometry = geometry
            self.backlight = backlight
            self.selectsI2CAddress = selectsI2CAddress
        }
    }

    /// I2C_SLAVE from linux/i2c-dev.h.
    static let selectAddressRequest: UInt = 0x0703

    public nonisolated let identity: DeviceIdentity
    public nonisolated let capabilities = DeviceCapabilities.none
    public nonisolated let geometry: DisplayGeometry
    private let settings: Settings
    private let encoder: HD44780Encoder
    private let broadcaster = DeviceEventBroadcaster()
    private var lifecycle = DeviceLifecycle()
    private var file: OutputDeviceFile?
    private var shown: DisplayFrame?

    public init(settings: Settings) {
        self.settings = settings
        geometry = settings.geometry
        encoder = HD44780Encoder(geometry: settings.geometry, backlight: settings.backlight)
        identity = DeviceIdentity(kind: .display, model: "HD44780 \(settings.geometry.columns)×\(settings.geometry.rows) LCD",
                                  connection: .file(path: settings.path))
    }

    public var state: DeviceState { lifecycle.state }

    public nonisolated func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    public func open() async throws(DeviceError) {
        var next = lifecycle
        try next.opened()
        let opened: OutputDeviceFile
        do throws(SystemCallError) {
            opened = try OutputDeviceFile(path: settings.path, flags: O_RDWR)
            if settings.selectsI2CAddress {
                try opened.control("I2C_SLAVE", Self.selectAddressRequest, value: Int32(settings.address))
            }
        } catch {
            throw Self.openError(error, address: settings.address)
        }
        file = opened
        lifecycle = next
        broadcaster.send(.stateChanged(.opened))
    }

    public func claim() async throws(DeviceError) {
        try lifecycle.claimed()
        broadcaster.send(.stateChanged(.claimed))
    }

    public func enable() async throws(DeviceError) {
        guard lifecycle.state == .claimed else { throw .wrongState(lifecycle.state, "enable") }
        try send(encoder.initialization())
        shown = nil
        try lifecycle.enabled()
        broadcaster.send(.stateChanged(.enabled))
    }

    public func show(_ frame: DisplayFrame) async throws(DeviceError) {
        guard lifecycle.state == .enabled else { throw .wrongState(lifecycle.state, "show text") }
        try send(encoder.update(from: shown, to: DisplayFrame(frame.lines, geometry: geometry)))
        shown = DisplayFrame(frame.lines, geometry: geometry)
    }

    public func close() async {
        file?.close()
        file = nil
        shown = nil
        let changed = lifecycle.state != .closed
        lifecycle.closed()
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    private func send(_ writes: [HD44780Encoder.Write]) throws(DeviceError) {
        guard let file else { throw .wrongState(lifecycle.state, "write") }
        do throws(SystemCallError) {
            for write in writes {
                try file.write(write.bytes)
                Syscalls.pause(microseconds: write.pauseMicroseconds)
            }
        } catch {
            file.close()
            self.file = nil
            shown = nil
            if error.meansDisconnected || error.errno == EREMOTEIO {
                lifecycle.disconnected()
                broadcaster.send(.disconnected)
                broadcaster.send(.stateChanged(.disconnected))
                throw .disconnected(.display, detail: error.description)
            }
            let failure = DeviceError.io(.display, detail: error.description)
            lifecycle.failed(failure)
            broadcaster.send(.stateChanged(.failed(failure)))
            throw failure
        }
    }

    private static func openError(_ error: SystemCallError, address: UInt8) -> DeviceError {
        switch error.errno {
        case ENOENT, ENODEV, ENXIO:
            .notFound(.display, error.path, detail: error.description + "; enable I²C (dtparam=i2c_arm=on) and load i2c-dev")
        case EBUSY:
            .busy(.display, detail: error.description + "; a kernel driver holds address 0x" + String(address, radix: 16))
        case ENOTTY, EINVAL:
            DeviceError(code: .notFound, summary: "\(error.path) is not an I²C bus, so the display cannot be reached there.",
                        action: "Name the bus the display is wired to, such as /dev/i2c-1.", detail: error.description)
        case EACCES, EPERM:
            DeviceError(code: .busy, summary: "The stand may not use the display's I²C bus \(error.path).",
                        action: "Add the stand's user to the i2c group, then restart the stand.", detail: error.description)
        default:
            .io(.display, detail: error.description)
        }
    }
}
