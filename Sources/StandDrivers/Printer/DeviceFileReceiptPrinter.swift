#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// A receipt printer behind a device file: the kernel's USB printer class driver (usblp,
/// `/dev/usb/lp0`), a parallel port, a serial line already set up. The file is opened
/// non-blocking; each write waits for the printer with poll and a timeout, so a printer out of
/// paper that stops taking data fails the job instead of hanging the stand (usblp never blocks a
/// non-blocking write, even when the printer reports paper out). When `readsStatus` is on, DLE
/// EOT 1…4 are read back before and after each job, as on the network printer; a printer that
/// does not answer them on usblp is asked for its port status instead (`LPGETSTATUS`, the
/// printer class GET_PORT_STATUS request).
public actor DeviceFileReceiptPrinter: ReceiptPrinter {
    /// Which file and how long to wait.
    public struct Settings: Hashable, Sendable {
        public var path: String
        /// How long the printer may stop taking data before a job fails.
        public var writeTimeout: Duration
        /// Whether the device answers DLE EOT on read (usblp printers usually do; a plain
        /// write-only line does not).
        public var readsStatus: Bool
        /// How long to wait for each status byte.
        public var statusTimeout: Duration
        public var paperWidth: PaperWidth

        public init(path: String = "/dev/usb/lp0", writeTimeout: Duration = .seconds(10), readsStatus: Bool = true,
                    statusTimeout: Duration = .seconds(1), paperWidth: PaperWidth = .mm80) {
            self.path = path
            self.writeTimeout = writeTimeout
            self.readsStatus = readsStatus
            self.statusTimeout = statusTimeout
            self.paperWidth = paperWidth
        }
    }

    public nonisolated let identity: DeviceIdentity
    public nonisolated let capabilities: DeviceCapabilities
    private let settings: Settings
    private let broadcaster = DeviceEventBroadcaster()
    private var lifecycle = DeviceLifecycle()
    /// One job or status request at a time: a drawer kick never lands inside a receipt.
    private let gate = PrinterJobGate()
    private var channel: PrinterChannel?
    /// The channel's descriptor, for `LPGETSTATUS`; owned and closed by the channel.
    private var descriptor: Int32?
    /// False when the file could only be opened write-only.
    private var canRead = false
    /// Whether the printer behind this open file answers DLE EOT (nil: not asked yet).
    private var answersStatusRequests: Bool?

    /// `LPGETSTATUS` of `<linux/lp.h>`: the port status byte into an int.
    private static let getPortStatus: UInt = 0x060B

    public init(settings: Settings) {
        self.settings = settings
        identity = DeviceIdentity(kind: .receiptPrinter, model: "ESC/POS printer on \(settings.path)", connection: .file(path: settings.path))
        capabilities = DeviceCapabilities(paperWidth: settings.paperWidth, hasCutter: true, printsQRCodes: true,
                                          reportsStatus: settings.readsStatus, kicksDrawer: true)
    }

    public var state: DeviceState { lifecycle.state }

    public nonisolated func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    /// Opens the file read-write (write-only when reading is refused).
    public func open() async throws(DeviceError) {
        var next = lifecycle
        try next.opened()
        closeChannel()
        let fd: Int32
        do throws(SystemCallError) {
            do {
                fd = try Syscalls.open(settings.path, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
                canRead = true
            } catch where error.errno == EACCES || error.errno == EPERM || error.errno == EROFS {
                fd = try Syscalls.open(settings.path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
                canRead = false
            }
        } catch {
            switch error.errno {
            case ENOENT, ENODEV, ENXIO: throw .notFound(.receiptPrinter, error.path, detail: error.description)
            case EACCES, EPERM:
                throw DeviceError(code: .busy, summary: "The stand may not write to the printer \(error.path).",
                                  action: "Add the stand's user to the lp group, then restart the stand.", detail: error.description)
            case EBUSY: throw .busy(.receiptPrinter, detail: error.description)
            default: throw .io(.receiptPrinter, detail: error.description)
            }
        }
        channel = PrinterChannel(adopting: fd, path: settings.path, isSocket: false)
        descriptor = fd
        answersStatusRequests = nil
        lifecycle = next
        broadcaster.send(.stateChanged(.opened))
    }

    public func claim() async throws(DeviceError) {
        try lifecycle.claimed()
        broadcaster.send(.stateChanged(.claimed))
    }

    public func enable() async throws(DeviceError) {
        try lifecycle.enabled()
        broadcaster.send(.stateChanged(.enabled))
    }

    public func close() async {
        closeChannel()
        let changed = lifecycle.state != .closed
        lifecycle.closed()
        if changed { broadcaster.send(.stateChanged(.closed)) }
    }

    public func status() async throws(DeviceError) -> PrinterStatus {
        await gate.enter()
        defer { gate.leave() }
        guard lifecycle.state == .enabled else { throw .wrongState(lifecycle.state, "report its status") }
        guard settings.readsStatus, canRead else { throw .unsupported(.receiptPrinter, "status readback on \(settings.path)") }
        return try await readStatus()
    }

    public func print(_ job: [UInt8]) async throws(DeviceError) {
        await gate.enter()
        defer { gate.leave() }
        guard lifecycle.state == .enabled, let channel else { throw .wrongState(lifecycle.state, "print") }
        let checksStatus = settings.readsStatus && canRead
        if checksStatus {
            do { try refuseUnlessReady(try await readStatus()) } catch { throw error.beforeStarting() }
        }
        do {
            try await channel.write(job, timeout: NetworkReceiptPrinter.milliseconds(settings.writeTimeout))
        } catch {
            throw fail(error, "print")
        }
        if checksStatus { try refuseUnlessReady(try await readStatus()) }
    }

    private func refuseUnlessReady(_ status: PrinterStatus) throws(DeviceError) {
        if status.paper == .out { throw .paperOut }
        if status.coverOpen { throw .coverOpen }
    }

    /// DLE EOT 1…4 when the printer answers them, else the port status of a usblp device.
    private func readStatus() async throws(DeviceError) -> PrinterStatus {
        guard let channel else { throw .wrongState(lifecycle.state, "report its status") }
        var answers: [UInt8]?
        if answersStatusRequests != false {
            do {
                answers = try await channel.askStatus(timeout: NetworkReceiptPrinter.milliseconds(settings.statusTimeout))
            } catch {
                throw fail(error, "status")
            }
        }
        guard let bytes = answers else {
            if let port = try portStatus() {
                answersStatusRequests = false
                return USBReceiptPrinter.status(portStatus: port)
            }
            throw .timeout(.receiptPrinter, "status", detail: "no DLE EOT answer from \(settings.path) within \(settings.statusTimeout)")
        }
        answersStatusRequests = true
        do {
            return try PrinterStatusParser.status(printer: bytes[0], offlineCause: bytes[1], errorCause: bytes[2], paperSensor: bytes[3])
        } catch {
            throw .protocolViolation(.receiptPrinter, detail: "status bytes \(bytes) from \(settings.path): \(error)")
        }
    }

    /// The printer class port status through usblp's `LPGETSTATUS`; nil when the file is no
    /// usblp device (a serial line, a parallel port driver without it).
    private func portStatus() throws(DeviceError) -> UInt8? {
        guard let fd = descriptor else { return nil }
        var status: Int32 = 0
        do {
            _ = try withUnsafeMutableBytes(of: &status) { (buffer) throws(SystemCallError) -> Int32 in
                try Syscalls.ioctl(fd, path: settings.path, "LPGETSTATUS", Self.getPortStatus, pointer: buffer.baseAddress!)
            }
        } catch where error.errno == ENOTTY || error.errno == EINVAL {
            return nil
        } catch {
            throw fail(.system(error), "status")
        }
        return UInt8(truncatingIfNeeded: status)
    }

    private func closeChannel() {
        channel?.close()
        channel = nil
        descriptor = nil
    }

    /// A stalled printer is a timeout (the file stays open); a vanished one (ENODEV) is disconnected.
    private func fail(_ failure: PrinterTransportFailure, _ operation: String) -> DeviceError {
        if case .timedOut = failure {
            return DeviceError(code: .timeout, summary: "The printer stopped taking data: check paper and cover.",
                               action: "Load paper or close the cover, then print the receipt again.", detail: failure.detail)
        }
        closeChannel()
        if failure.meansDisconnected {
            lifecycle.disconnected()
            broadcaster.send(.disconnected)
            broadcaster.send(.stateChanged(.disconnected))
            return .disconnected(.receiptPrinter, detail: "\(operation): \(failure.detail)")
        }
        let error = DeviceError.io(.receiptPrinter, detail: "\(operation): \(failure.detail)")
        lifecycle.failed(error)
        broadcaster.send(.stateChanged(lifecycle.state))
        return error
    }
}
