import Foundation
import HardwareMocks
import Logging
import StandApp
import StandCore
import StandHardware
import StandStore
import Synchronization

/// A display that keeps every frame it was shown.
final class RecordingDisplay: Display, Sendable {
    let identity = DeviceIdentity(kind: .display, model: "recording display", connection: .virtual(name: "display"))
    let capabilities = DeviceCapabilities.none
    let geometry: DisplayGeometry
    private let broadcaster = DeviceEventBroadcaster()
    private let recorded = Mutex<(lifecycle: DeviceLifecycle, frames: [DisplayFrame])>((DeviceLifecycle(), []))

    init(geometry: DisplayGeometry = .lcd20x4) { self.geometry = geometry }

    var state: DeviceState { recorded.withLock { $0.lifecycle.state } }
    var frames: [DisplayFrame] { recorded.withLock { $0.frames } }
    var text: String { frames.last?.description ?? "" }

    func open() async throws(DeviceError) { try step { (l: inout DeviceLifecycle) throws(DeviceError) in try l.opened() } }
    func claim() async throws(DeviceError) { try step { (l: inout DeviceLifecycle) throws(DeviceError) in try l.claimed() } }
    func enable() async throws(DeviceError) { try step { (l: inout DeviceLifecycle) throws(DeviceError) in try l.enabled() } }
    func close() async { recorded.withLock { $0.lifecycle.closed() } }
    func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    func show(_ frame: DisplayFrame) async throws(DeviceError) {
        recorded.withLock { $0.frames.append(frame) }
    }

    private func step(_ change: (inout DeviceLifecycle) throws(DeviceError) -> Void) throws(DeviceError) {
        try recorded.withLock { (value) throws(DeviceError) in try change(&value.lifecycle) }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

/// A whole stand on the mocks around a `StandAppliance`, with a store in a fresh directory and
/// the wall clock fixed outside happy hour.
struct ApplianceHarness {
    /// Sunday 2025-06-15 15:06:40 UTC.
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// Warnings and errors only, so test output stays readable.
    static let quiet: Logger = {
        var logger = Logger(label: "standkit.appliance.test")
        logger.logLevel = .warning
        return logger
    }()

    let directory: String
    let store: StandStore
    let printer = VirtualReceiptPrinter(paperWidth: .mm58)
    let drawer = VirtualCashDrawer()
    let cardTerminal = MockPaymentTerminal()
    let keypad = ScriptedKeypad()
    let scanner = ScriptedScanner()
    let display = RecordingDisplay()
    let appliance: StandAppliance
    let run: Task<Void, Never>

    init(directory existing: String? = nil, withPrinter: Bool = true, withCardTerminal: Bool = true,
         printRetry: Duration = .seconds(5)) async throws {
        let directory = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("appliance-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        let demo = try DemoStand()
        var operators = try OperatorDirectory()
        try operators.set("anna", name: "Anna", role: .operator, pin: "1234", rounds: HashedPIN.minimumRounds)
        try operators.set("sam", name: "Sam", role: .supervisor, pin: "9999", rounds: HashedPIN.minimumRounds)
        let settings = TerminalSettings(standID: "demo-stand-01", standName: "Demo Hot Dogs", autoLockAfter: nil,
                                        locations: ["Alexanderplatz"])
        let terminal = OperatorTerminal(settings: settings, pricer: demo.pricer, operators: operators, now: Self.start)
        let format = ReceiptFormat(header: Receipt.Header(standName: "Demo Hot Dogs", addressLines: ["Alexanderplatz"]),
                                   paperWidth: .mm58, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let devices = DeviceSet(printer: withPrinter ? printer : nil, drawer: drawer,
                                paymentTerminal: withCardTerminal ? cardTerminal : nil, keypad: keypad,
                                scanner: scanner, display: display)
        let counter = Mutex<Int64>(0)
        appliance = try StandAppliance(store: store, terminal: terminal, devices: devices, receiptFormat: format,
                                       backoff: ReconnectBackoff(initial: .milliseconds(10), maximum: .milliseconds(50)),
                                       printRetryInterval: printRetry, tickInterval: .seconds(3600),
                                       now: { Self.start.addingTimeInterval(Double(counter.withLock { $0 += 1; return $0 }) / 1000) },
                                       logger: Self.quiet)
        let appliance = appliance
        run = Task { await appliance.run() }
        let kinds = devices.configured.map(\.kind)
        let ready = await eventually {
            let conditions = await appliance.deviceConditions
            return kinds.allSatisfy { conditions[$0] == .ready }
        }
        guard ready else {
            run.cancel()
            throw HarnessError(description: "the stand's devices did not all become ready: \(await appliance.deviceConditions)")
        }
    }

    func stop() async {
        run.cancel()
        await run.value
    }

    func press(_ keys: Key...) async {
        for key in keys { await appliance.press(key) }
    }

    func type(_ text: String) async {
        for character in text {
            await appliance.press(character == "." ? .decimalPoint : .digit(Int(String(character))!))
        }
    }

    func login(_ pin: String = "1234") async {
        await type(pin)
        await press(.enter)
    }

    /// Every sale stored, oldest first.
    func sales() throws -> [Sale] {
        try store.sales(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_000_000_000))
    }

    /// Waits until every stored sale has its receipt job and every job is confirmed by the
    /// printer (the job is stored just after the sale, so a sale alone is not enough).
    func printed() async -> Bool {
        await eventually {
            let sales = (try? sales()) ?? []
            let everySaleQueued = sales.allSatisfy { !((try? store.printJobs(ofSale: $0.id)) ?? []).isEmpty }
            let pending = (try? store.pendingPrintJobs().count) ?? 1
            let idle = await appliance.spooler.isIdle
            return everySaleQueued && pending == 0 && idle
        }
    }
}
