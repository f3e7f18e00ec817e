import Foundation
import HardwareMocks
import Logging
import StandApp
import StandCore
@testable import StandDrivers
import StandHardware
import StandStore
import Synchronization
import Testing

/// A USB bus in memory with one printer-class printer on it: keeps the job bytes it takes,
/// answers DLE EOT on bulk IN, and can lose its cable after a number of job bytes.
final class ReplugUSBBus: USBPrinterBus, Sendable {
    private struct State {
        var device = USBDeviceDescription(vendorID: 0x0416, productID: 0x5011, bus: 1, address: 4, serialNumber: nil, interfaces: [
            USBInterfaceDescription(number: 0, interfaceClass: 7, interfaceSubclass: 1, interfaceProtocol: 2, bulkOut: 0x02, bulkIn: 0x81),
        ])
        var plugged = true
        var received: [UInt8] = []
        var unplugAfter: Int?
        var answers: [UInt8] = []
        var watchers: [AsyncStream<Void>.Continuation] = []
    }

    private let state = Mutex(State())

    /// Every job byte that reached the printer, in order.
    var received: [UInt8] { state.withLock { $0.received } }

    /// The cable comes out once the printer has taken `bytes` more job bytes.
    func unplug(afterMoreBytes bytes: Int) { state.withLock { $0.unplugAfter = $0.received.count + bytes } }

    func plugIn() {
        let watchers = state.withLock { state in
            state.plugged = true
            state.unplugAfter = nil
            state.device.address += 1
            return state.watchers
        }
        for watcher in watchers { watcher.yield() }
    }

    func devices() throws(USBError) -> [USBDeviceDescription] {
        state.withLock { $0.plugged ? [$0.device] : [] }
    }

    func open(_ device: USBDeviceDescription, interface: USBInterfaceDescription) throws(USBError) -> any USBPrinterLink {
        guard try devices() == [device] else { throw USBError(call: "libusb_open", code: .noDevice, device: device.description) }
        return Link(bus: self, address: device.address)
    }

    func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLock { $0.watchers.append(continuation) }
        return stream
    }

    final class Link: USBPrinterLink, Sendable {
        private let bus: ReplugUSBBus
        private let address: UInt8

        init(bus: ReplugUSBBus, address: UInt8) {
            self.bus = bus
            self.address = address
        }

        let canRead = true

        func claim() throws(USBError) { try bus.state.withLock { (state) throws(USBError) in try live(state) } }

        func write(_ bytes: ArraySlice<UInt8>, timeout: Duration) throws(USBError) -> Int {
            let (taken, watchers) = try bus.state.withLock { (state) throws(USBError) -> (Int, [AsyncStream<Void>.Continuation]) in
                try live(state)
                if bytes.count == 3, bytes.starts(with: [0x10, 0x04]) {
                    state.answers.append(StatusReply.printer(drawerPin3High: false, offline: false, waitingForRecovery: false,
                                                             feedButtonPressed: false).byte)
                    return (3, [])
                }
                let room = state.unplugAfter.map { $0 - state.received.count } ?? bytes.count
                if room <= 0 {
                    state.plugged = false
                    return (-1, state.watchers)
                }
                let taken = min(room, bytes.count)
                state.received += bytes.prefix(taken)
                return (taken, [])
            }
            guard taken >= 0 else {
                for watcher in watchers { watcher.yield() }
                throw USBError(call: "libusb_bulk_transfer(OUT 0x2)", code: .noDevice, device: "0416:5011")
            }
            return taken
        }

        func read(timeout: Duration) throws(USBError) -> [UInt8] {
            try bus.state.withLock { (state) throws(USBError) -> [UInt8] in
                try live(state)
                defer { state.answers = [] }
                return state.answers
            }
        }

        func portStatus(timeout: Duration) throws(USBError) -> UInt8 {
            try bus.state.withLock { (state) throws(USBError) -> UInt8 in
                try live(state)
                return 0x18
            }
        }

        func close() {}

        private func live(_ state: State) throws(USBError) {
            guard state.plugged, state.device.address == address else {
                throw USBError(call: "libusb transfer", code: .noDevice, device: "0416:5011")
            }
        }
    }
}

@Suite("USB printer re-plug through the appliance")
struct USBPrinterReplugTests {
    @Test func aReceiptInFlightWhenThePrinterIsUnpluggedComesOutWholeOnceAfterTheReplug() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("usb-replug-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        var operators = try OperatorDirectory()
        try operators.set("anna", name: "Anna", role: .operator, pin: "1234", rounds: HashedPIN.minimumRounds)
        let terminal = OperatorTerminal(settings: TerminalSettings(standID: "demo-stand-01", standName: "Demo Hot Dogs", autoLockAfter: nil,
                                                                   locations: ["Alexanderplatz"]),
                                        pricer: try DemoStand().pricer, operators: operators, now: ApplianceHarness.start)
        let format = ReceiptFormat(header: Receipt.Header(standName: "Demo Hot Dogs", addressLines: ["Alexanderplatz"]),
                                   paperWidth: .mm58, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let bus = ReplugUSBBus()
        let printer = USBReceiptPrinter(settings: .init(paperWidth: .mm58, chunkSize: 64, writeTimeout: .seconds(2),
                                                        statusTimeout: .milliseconds(500)), bus: bus)
        let keypad = ScriptedKeypad()
        let devices = DeviceSet(printer: printer, drawer: VirtualCashDrawer(), keypad: keypad, display: RecordingDisplay())
        let counter = Mutex<Int64>(0)
        let appliance = try StandAppliance(store: store, terminal: terminal, devices: devices, receiptFormat: format,
                                           backoff: ReconnectBackoff(initial: .seconds(60), maximum: .seconds(60)),
                                           printRetryInterval: .seconds(5), tickInterval: .seconds(3600),
                                           now: { ApplianceHarness.start.addingTimeInterval(Double(counter.withLock { $0 += 1; return $0 }) / 1000) },
                                           logger: ApplianceHarness.quiet)
        let run = Task { await appliance.run() }
        defer { run.cancel() }
        #expect(await eventually { await appliance.deviceConditions[.receiptPrinter] == .ready })

        bus.unplug(afterMoreBytes: 150)
        for key: Key in [.digit(1), .digit(2), .digit(3), .digit(4), .enter, .product(1), .product(6), .cash, .enter] {
            await appliance.press(key)
        }
        #expect(await eventually { (try? store.sales(from: .distantPast, to: .distantFuture).count) == 1 })
        #expect(await eventually {
            await appliance.statusLines().contains("printer: not connected — 1 receipt waiting")
        })
        #expect(bus.received.count == 150, "the receipt was cut off by the unplug")
        #expect(try store.pendingPrintJobs().count == 1)

        // The backoff is a minute: only the driver's own "reconnected" brings the printer back in time.
        bus.plugIn()
        #expect(await eventually {
            let idle = await appliance.spooler.isIdle
            return idle && ((try? store.pendingPrintJobs().isEmpty) ?? false)
        })

        let cutOff = try await Self.decode(Array(bus.received.prefix(150)))
        #expect(cutOff.receipts.isEmpty && cutOff.pendingReceipt?.isComplete != true, "nothing whole came out before the unplug")
        let afterReplug = try await Self.decode(Array(bus.received.dropFirst(150)))
        #expect(afterReplug.receipts.count == 1, "the receipt comes out whole exactly once")
        let receipt = try #require(afterReplug.receipts.first)
        #expect(receipt.isComplete)
        #expect(receipt.text.contains("Classic hot dog"))
        #expect(receipt.text.contains("COPY"), "part of the original came out, so the repeat is marked")
        let sale = try #require(try store.sales(from: .distantPast, to: .distantFuture).first)
        #expect(receipt.qrPayloads == [sale.id.rawValue])
        let jobs = try store.printJobs(ofSale: sale.id)
        #expect(jobs.count == 1 && jobs[0].state == .done)

        let total = bus.received.count
        try await Task.sleep(for: .milliseconds(200))
        #expect(bus.received.count == total, "nothing printed twice")
        run.cancel()
        await run.value
    }

    /// What a thermal printer makes of `bytes`.
    static func decode(_ bytes: [UInt8]) async throws -> VirtualReceiptPrinter {
        let printer = VirtualReceiptPrinter(paperWidth: .mm58)
        try await printer.start()
        if !bytes.isEmpty {
            do { try await printer.print(bytes) } catch where error.code == .protocolViolation {
                // A job cut off mid-command: what came before the cut still printed.
            }
        }
        return printer
    }
}
