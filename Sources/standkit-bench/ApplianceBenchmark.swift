import Dispatch
import Foundation
import HardwareMocks
import Logging
import StandApp
import StandCore
import StandHardware
import StandStore
import Synchronization

/// The appliance on the mocks with a durable store in a temp directory: the latency from a key
/// press to the display showing the new frame (through the virtual keypad, the supervisor's
/// merged events, the terminal and the display), and a whole cash sale from its first key to the
/// receipt bytes confirmed by the virtual ESC/POS printer (keys → pricing → durable commit →
/// receipt job stored → printed).
struct ApplianceBenchmark: Benchmark {
    let name = "appliance"
    let summary = "key press → display frame, and a whole cash sale (keys → commit → receipt printed) on the mocks"

    func run(iterations: Int) throws -> [String] {
        try blocking { try await measure(iterations: iterations) }
    }

    /// Only errors: the benchmark measures the appliance, not the console.
    static let quiet: Logger = {
        var logger = Logger(label: "standkit.bench.appliance")
        logger.logLevel = .error
        return logger
    }()

    private func measure(iterations: Int) async throws -> [String] {
        let scratch = try ScratchDirectory("appliance")
        defer { scratch.remove() }
        let keypad = ScriptedKeypad(millisecondsPerKey: 1)
        let stand = try await BenchStand.start(in: scratch.url, keypad: keypad)
        defer { stand.running.cancel() }
        let (appliance, store, printer, drawer) = (stand.appliance, stand.store, stand.printer, stand.drawer)

        // Key → frame: digit and backspace alternate, so every press changes the frame.
        let warmUp = max(iterations / 20, 10)
        let keyTimings = try await stand.keyToFrame(warmUp: warmUp, iterations: iterations) { index in
            guard keypad.press(index % 2 == 0 ? .digit(7) : .backspace) else { throw BenchFailure("the keypad is not enabled") }
        }
        let clock = ContinuousClock()

        // Whole cash sales: hot dog, cola, CASH, ENTER (exact), until the printer confirmed.
        let sales = max(iterations / 4, 20)
        var saleTimings = Timings()
        let salesStart = clock.now
        for index in 0..<(warmUp + sales) {
            let began = clock.now
            for key in [Key.product(1), .product(6), .cash, .enter] { await appliance.press(key) }
            await appliance.spooler.waitUntilIdle()
            if index >= warmUp { saleTimings.samples.append(clock.now - began) }
            drawer.shut()
            if index % 100 == 0 { printer.clearReceipts() }
        }
        saleTimings.wall = clock.now - salesStart
        let stored = try store.sales(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(60)).count
        guard stored == warmUp + sales else { throw BenchFailure("\(stored) sales stored, expected \(warmUp + sales)") }
        let receiptBytes = try store.printJobs(ofSale: try store.sales(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(60)).last!.id).first?.bytes.count ?? 0
        return [
            "key press → display frame (virtual keypad → supervisor → terminal → display), \(iterations) presses:",
            "  \(keyTimings.line)",
            "cash sale, 4 keys → durable commit → receipt (\(receiptBytes) bytes) confirmed by the virtual printer, \(sales) sales:",
            "  \(saleTimings.line)",
        ]
    }
}

/// The appliance on the mocks around a given keypad, with a durable store, logged in and ready.
struct BenchStand {
    let appliance: StandAppliance
    let store: StandStore
    let printer: VirtualReceiptPrinter
    let drawer: VirtualCashDrawer
    let display: FrameSignallingDisplay
    let running: Task<Void, Never>

    static func start(in directory: URL, keypad: any Keypad) async throws -> BenchStand {
        let store = try StandStore.open(dataDirectory: directory.path, standID: "bench-stand")
        let demo = try DemoStand()
        var operators = try OperatorDirectory()
        try operators.set("op-7", name: "Bench", role: .operator, pin: "1234", rounds: HashedPIN.minimumRounds)
        let terminal = OperatorTerminal(settings: TerminalSettings(standID: "bench-stand", standName: "Bench", autoLockAfter: nil),
                                        pricer: demo.pricer, operators: operators, now: Date())
        let printer = VirtualReceiptPrinter(paperWidth: .mm80)
        let drawer = VirtualCashDrawer()
        let display = FrameSignallingDisplay()
        let format = ReceiptFormat(header: Receipt.Header(standName: "Bench Hot Dogs", addressLines: ["Benchmark street 1"]),
                                   paperWidth: .mm80, timeZone: demo.settings.timeZone)
        let appliance = try StandAppliance(store: store, terminal: terminal,
                                           devices: DeviceSet(printer: printer, drawer: drawer, paymentTerminal: MockPaymentTerminal(),
                                                              keypad: keypad, display: display),
                                           receiptFormat: format, tickInterval: .seconds(3600), logger: ApplianceBenchmark.quiet)
        let running = Task { await appliance.run() }
        let configured = [DeviceKind.receiptPrinter, .cashDrawer, .paymentTerminal, .keypad, .display]
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let conditions = await appliance.deviceConditions
            if configured.allSatisfy({ conditions[$0] == .ready }) { break }
            guard ContinuousClock.now < deadline else {
                running.cancel()
                throw BenchFailure("the bench stand's devices did not become ready: \(conditions)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        for key in [Key.digit(1), .digit(2), .digit(3), .digit(4), .enter] { await appliance.press(key) }
        return BenchStand(appliance: appliance, store: store, printer: printer, drawer: drawer, display: display, running: running)
    }

    /// Times `press(index)` until the display shows the next frame; the first `warmUp` are not kept.
    func keyToFrame(warmUp: Int, iterations: Int, press: (Int) throws -> Void) async throws -> Timings {
        let clock = ContinuousClock()
        var timings = Timings()
        let start = clock.now
        for index in 0..<(warmUp + iterations) {
            let shown = display.count
            let began = clock.now
            try press(index)
            await display.waitForFrame(after: shown)
            if index >= warmUp { timings.samples.append(clock.now - began) }
        }
        timings.wall = clock.now - start
        return timings
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A 20×4 display that counts the frames it is shown and lets the benchmark wait for the next.
final class FrameSignallingDisplay: Display, Sendable {
    let identity = DeviceIdentity(kind: .display, model: "bench display", connection: .virtual(name: "display"))
    let capabilities = DeviceCapabilities.none
    let geometry = DisplayGeometry.lcd20x4
    private let broadcaster = DeviceEventBroadcaster()
    private let lifecycle = Mutex(DeviceLifecycle())
    private let shown = Mutex<(count: Int, waiters: [(after: Int, continuation: CheckedContinuation<Void, Never>)])>((0, []))

    var count: Int { shown.withLock { $0.count } }

    /// Returns once more than `count` frames have been shown.
    func waitForFrame(after count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = shown.withLock { value -> Bool in
                if value.count > count { return true }
                value.waiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    var state: DeviceState { lifecycle.withLock { $0.state } }
    func open() async throws(DeviceError) { try lifecycle.withLock { (l) throws(DeviceError) in try l.opened() } }
    func claim() async throws(DeviceError) { try lifecycle.withLock { (l) throws(DeviceError) in try l.claimed() } }
    func enable() async throws(DeviceError) { try lifecycle.withLock { (l) throws(DeviceError) in try l.enabled() } }
    func close() async { lifecycle.withLock { $0.closed() } }
    func events() -> AsyncStream<DeviceEvent> { broadcaster.subscribe() }

    func show(_ frame: DisplayFrame) async throws(DeviceError) {
        let due = shown.withLock { value -> [CheckedContinuation<Void, Never>] in
            value.count += 1
            let due = value.waiters.filter { $0.after < value.count }.map(\.continuation)
            value.waiters.removeAll { $0.after < value.count }
            return due
        }
        for continuation in due { continuation.resume() }
    }
}
