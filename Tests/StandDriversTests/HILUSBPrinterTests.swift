#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandHardware
@testable import StandDrivers
import Synchronization
import Testing

/// The real libusb backend against a real USB printer: the kernel's printer gadget
/// (`usb_f_printer` on `dummy_hcd`, interface 7/1/2), as in the hardware-in-the-loop VM. The
/// test plays the printer on the gadget side (`/dev/g_printer0`): it keeps the job bytes,
/// answers DLE EOT, sets the port status, and unplugs and re-plugs the gadget through its UDC
/// file. Skipped outside that VM (scripts/hil/run sets `STANDKIT_HIL_PRINTER_GADGET`, the gadget
/// device, and `STANDKIT_HIL_PRINTER_UDC`, the gadget's configfs UDC file).
@Suite(.serialized, .enabled(if: USBGadget.configured != nil,
                             "needs the printer gadget of the hardware-in-the-loop VM: run under scripts/hil/run, which sets STANDKIT_HIL_PRINTER_GADGET and STANDKIT_HIL_PRINTER_UDC"))
struct HILUSBPrinterTests {
    static let usblp = "/dev/usb/lp0"

    @Test func printsReadsStatusAndGivesTheInterfaceBackToUsblp() async throws {
        let (device, udc) = try #require(USBGadget.configured)
        let controller = try String(contentsOfFile: udc, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!controller.isEmpty, "the gadget is bound to a UDC before the test")
        let printer = try GadgetPrinter(path: device)
        #expect(await Self.eventually { access(Self.usblp, F_OK) == 0 }, "usblp has bound the printer")

        let driver = USBReceiptPrinter(settings: .init(chunkSize: 512, writeTimeout: .seconds(5), statusTimeout: .seconds(2)))
        try await driver.start()
        let interface = try #require(await driver.attached?.interface)
        #expect(interface.interfaceClass == 7 && interface.interfaceSubclass == 1 && interface.interfaceProtocol == 2)
        #expect(interface.bulkOut == 0x02 && interface.bulkIn == 0x81)
        #expect(await Self.eventually { access(Self.usblp, F_OK) != 0 }, "libusb detached usblp from the claimed interface")

        #expect(try await driver.status() == PrinterStatus(online: true, paper: .ok, drawerSensorHigh: false))
        let job = NetworkPrinterTests.job()
        try await driver.print(job)
        #expect(await Self.eventually { printer.job == job }, "the gadget got \(printer.job.count) of \(job.count) bytes")

        printer.paperOut = true
        #expect(try await driver.status().paper == .out)
        let refused = try #require(await #expect(throws: DeviceError.self) { try await driver.print(job) })
        #expect(refused == DeviceError.paperOut.beforeStarting(), "refused before a byte was sent")

        // A printer that does not answer DLE EOT: the class request GET_PORT_STATUS tells.
        printer.answersStatusRequests = false
        try printer.setPortStatus(0x38)
        #expect(try await driver.status().paper == .out)
        try printer.setPortStatus(0x18)
        #expect(try await driver.status().paper == .ok)
        printer.paperOut = false
        printer.answersStatusRequests = true

        await driver.close()
        #expect(await Self.eventually { access(Self.usblp, F_OK) == 0 }, "closing gave the interface back to usblp")
        await printer.stop()
    }

    @Test func aJobCutOffByAnUnplugThrowsDisconnectedAndTheReplugIsAnnounced() async throws {
        let (device, udc) = try #require(USBGadget.configured)
        let controller = try String(contentsOfFile: udc, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!controller.isEmpty, "the gadget is bound to a UDC before the test")
        let printer = try GadgetPrinter(path: device)
        let driver = USBReceiptPrinter(settings: .init(chunkSize: 512, writeTimeout: .seconds(5), statusTimeout: .seconds(2)))
        let events = USBPrinterPlugTests.EventLog(driver)
        try await driver.start()
        let job = NetworkPrinterTests.job()
        let long = NetworkPrinterTests.job((1...4000).map { "Line \($0): Classic hot dog 4.00 A" })
        let printing = Task { () async -> DeviceError? in
            do throws(DeviceError) { try await driver.print(long) } catch { return error }
            return nil
        }
        #expect(await Self.eventually { printer.job.count > 1000 })
        // The gadget's file is closed before the unbind: closing it afterwards trips a 6.1 kernel bug.
        await printer.stop()
        try "\n".write(toFile: udc, atomically: false, encoding: .utf8)
        guard let lost = await printing.value else {
            Issue.record("the job finished although the printer was unplugged")
            return
        }
        #expect(lost.code == .disconnected, "\(lost)")
        #expect(await events.waitFor(.disconnected))
        #expect(await driver.state == .disconnected)
        await driver.close()

        try "\(controller)\n".write(toFile: udc, atomically: false, encoding: .utf8)
        #expect(await events.waitFor(.reconnected), "libusb's hotplug saw the printer come back")
        #expect(await Self.eventually { access(device, F_OK) == 0 })
        // usblp's SET_INTERFACE as it binds resets the gadget's endpoints; the gadget side polling
        // at that moment races the reset in Linux 6.1 (GET_PORT_STATUS then times out, or a list
        // corruption oops in setup_rx_reqs): the gadget is opened once usblp has the printer.
        #expect(await Self.eventually { access(Self.usblp, F_OK) == 0 }, "usblp bound the re-plugged printer")
        try await Task.sleep(for: .milliseconds(200))
        let replugged = try GadgetPrinter(path: device)
        // Linux 6.1's printer gadget corrupts its request list now and then when its side writes
        // after a re-bind (an oops in printer_write): after the re-plug the status comes from
        // GET_PORT_STATUS, answered by the gadget's control path.
        replugged.answersStatusRequests = false
        try await Self.retryingStart(driver)
        try await driver.print(job)
        #expect(await Self.eventually { replugged.job == job }, "the gadget got \(replugged.job.count) of \(job.count) bytes")
        await driver.close()
        await replugged.stop()
    }

    /// The gadget re-enumerates for a moment after the re-plug: its first open may find it half-way.
    static func retryingStart(_ driver: USBReceiptPrinter) async throws {
        for _ in 0..<20 {
            do { return try await driver.start() } catch { await driver.close() }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await driver.start()
    }

    static func eventually(_ condition: () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while clock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}

/// Where the printer gadget is, from the environment.
enum USBGadget {
    static let configured: (device: String, udc: String)? = {
        let environment = ProcessInfo.processInfo.environment
        guard let device = environment["STANDKIT_HIL_PRINTER_GADGET"], let udc = environment["STANDKIT_HIL_PRINTER_UDC"] else { return nil }
        return (device, udc)
    }()
}

/// The printer side of the gadget: a thread reads what the host sends, answers DLE EOT 1…4
/// with status bytes, and keeps the rest as the job.
final class GadgetPrinter: Sendable {
    private struct State {
        var job: [UInt8] = []
        var paperOut = false
        var answers = true
    }

    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    /// `GADGET_SET_PRINTER_STATUS`, `_IOWR('g', 0x22, unsigned char)`: the byte is the argument.
    private static let setPrinterStatus: UInt = 0xC001_6722

    private let fd: Int32
    private let path: String
    private let shared = Shared()
    private let reader: InputReaderThread

    init(path: String) throws {
        let fd = try Syscalls.open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        self.fd = fd
        self.path = path
        var scratch = [UInt8](repeating: 0, count: 4096)
        while (scratch.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }) > 0 {}
        let shared = shared
        reader = InputReaderThread(name: "gadget printer") { shouldStop in
            var buffer = [UInt8](repeating: 0, count: 4096)
            var pending: [UInt8] = []
            while !shouldStop() {
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard Glibc.poll(&descriptor, 1, 50) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else {
                    usleep(10_000)
                    continue
                }
                pending += buffer[..<count]
                var replies: [UInt8] = []
                shared.state.withLock { state in
                    while let start = pending.firstIndex(of: 0x10) {
                        state.job += pending[..<start]
                        guard pending.count >= start + 3 else {
                            pending.removeFirst(start)
                            return
                        }
                        if pending[start + 1] == 0x04, let request = StatusRequest(rawValue: pending[start + 2]) {
                            if state.answers { replies.append(Self.reply(request, paperOut: state.paperOut)) }
                            pending.removeFirst(start + 3)
                        } else {
                            state.job.append(0x10)
                            pending.removeFirst(start + 1)
                        }
                    }
                    state.job += pending
                    pending = []
                }
                for reply in replies { _ = withUnsafeBytes(of: reply) { Glibc.write(fd, $0.baseAddress, 1) } }
            }
        }
        try setPortStatus(0x18)
    }

    var job: [UInt8] { shared.state.withLock { $0.job } }
    func clear() { shared.state.withLock { $0.job = [] } }

    var paperOut: Bool {
        get { shared.state.withLock { $0.paperOut } }
        set { shared.state.withLock { $0.paperOut = newValue } }
    }

    var answersStatusRequests: Bool {
        get { shared.state.withLock { $0.answers } }
        set { shared.state.withLock { $0.answers = newValue } }
    }

    /// What GET_PORT_STATUS answers: 0x18 ready, 0x38 paper out.
    func setPortStatus(_ byte: UInt8) throws {
        try Syscalls.ioctl(fd, path: path, "GADGET_SET_PRINTER_STATUS", Self.setPrinterStatus, value: Int32(byte))
    }

    func stop() async {
        await reader.stop()
        Syscalls.close(fd)
    }

    private static func reply(_ request: StatusRequest, paperOut: Bool) -> UInt8 {
        switch request {
        case .printer: StatusReply.printer(drawerPin3High: false, offline: paperOut, waitingForRecovery: false, feedButtonPressed: false).byte
        case .offlineCause: StatusReply.offlineCause(coverOpen: false, feedingByButton: false, paperEndStop: paperOut, errorOccurred: false).byte
        case .errorCause: StatusReply.errorCause(mechanical: false, autocutter: false, unrecoverable: false, autoRecoverable: false).byte
        case .paperSensor: StatusReply.paperSensor(nearEnd: false, end: paperOut).byte
        }
    }
}
