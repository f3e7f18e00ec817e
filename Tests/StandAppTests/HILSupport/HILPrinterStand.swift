import Foundation
import HardwareMocks
import StandApp
import StandCore
@testable import StandDrivers
import StandHardware
import StandStore
import Synchronization
import Testing

/// How the stand reaches the gadget printer: through libusb (usblp detached) or through usblp's
/// device file.
enum HILPrinterTransport: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case libusb
    case usblp

    var testDescription: String { rawValue }

    /// The driver, with waits short enough for a test and long enough for the VM.
    func printer(readsStatus: Bool = true, writeTimeout: Duration = .seconds(3)) throws -> any ReceiptPrinter {
        guard HILRig.hasPrinter else { throw HarnessError(description: HILRig.runInside) }
        switch self {
        case .libusb:
            return USBReceiptPrinter(settings: .init(paperWidth: .mm58, chunkSize: 512, writeTimeout: writeTimeout,
                                                     readsStatus: readsStatus, statusTimeout: .seconds(1)))
        case .usblp:
            return DeviceFileReceiptPrinter(settings: .init(path: HILRig.usblp, writeTimeout: writeTimeout, readsStatus: readsStatus,
                                                            statusTimeout: .seconds(1), paperWidth: .mm58))
        }
    }
}

/// StandApp's appliance as `standd` wires it (store in a fresh directory, durable print queue,
/// device supervisor) around one real printer driver; keypad, drawer and display in memory.
struct HILPrinterStand {
    let directory: String
    let store: StandStore
    let printer: any ReceiptPrinter
    let appliance: StandAppliance
    let run: Task<Void, Never>
    private let leftover: UUID

    init(printer: any ReceiptPrinter) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hil-stand-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.printer = printer
        store = try StandStore.open(dataDirectory: directory, standID: "hil-stand-01")
        var operators = try OperatorDirectory()
        try operators.set("anna", name: "Anna", role: .operator, pin: "1234", rounds: HashedPIN.minimumRounds)
        let terminal = OperatorTerminal(settings: TerminalSettings(standID: "hil-stand-01", standName: "HIL Hot Dogs", autoLockAfter: nil,
                                                                   locations: ["Alexanderplatz"]),
                                        pricer: try DemoStand().pricer, operators: operators, now: ApplianceHarness.start)
        let format = ReceiptFormat(header: Receipt.Header(standName: "HIL Hot Dogs", addressLines: ["Alexanderplatz"]),
                                   paperWidth: .mm58, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let devices = DeviceSet(printer: printer, drawer: VirtualCashDrawer(), keypad: ScriptedKeypad(), display: RecordingDisplay())
        let counter = Mutex<Int64>(0)
        let appliance = try StandAppliance(store: store, terminal: terminal, devices: devices, receiptFormat: format,
                                           backoff: ReconnectBackoff(initial: .milliseconds(200), maximum: .seconds(1)),
                                           printRetryInterval: .milliseconds(300), tickInterval: .seconds(3600),
                                           now: { ApplianceHarness.start.addingTimeInterval(Double(counter.withLock { $0 += 1; return $0 }) / 1000) },
                                           logger: ApplianceHarness.quiet)
        self.appliance = appliance
        let run = Task { await appliance.run() }
        self.run = run
        leftover = HILLeftovers.add {
            run.cancel()
            await run.value
        }
        guard await eventually(20, { await appliance.deviceConditions[.receiptPrinter] == .ready }) else {
            run.cancel()
            await run.value
            throw HarnessError(description: "the printer did not become ready: \(await appliance.statusLines())")
        }
    }

    /// Anna logs in and sells a classic hot dog and a cola for cash: one receipt.
    func sell() async {
        for key: Key in [.digit(1), .digit(2), .digit(3), .digit(4), .enter, .product(1), .product(6), .cash, .enter] {
            await appliance.press(key)
        }
    }

    func sales() -> [Sale] { (try? store.sales(from: .distantPast, to: .distantFuture)) ?? [] }

    /// Every stored job confirmed by the printer and none in flight.
    func allPrinted() async -> Bool {
        await appliance.spooler.isIdle && ((try? store.pendingPrintJobs().isEmpty) ?? false)
    }

    func stop() async {
        run.cancel()
        await run.value
        HILLeftovers.done(leftover)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
