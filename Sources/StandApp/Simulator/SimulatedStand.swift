import Foundation
import HardwareMocks
import Logging
import StandCore
import StandDrivers
import StandHardware
import StandStore
import Synchronization

/// A whole stand on virtual devices around the real store: what `standd --simulate` runs.
/// Every device is a HardwareMocks device the simulator's keys drive and break; the card terminal
/// is HardwareMocks' ZVT terminal simulator on a pseudo-terminal, reached through the stand's real
/// ZVT driver and serial line. Every sale goes through the real `StandStore` in the
/// configuration's data directory.
public struct SimulatedStand: Sendable {
    public let configuration: StandConfiguration
    public let appliance: StandAppliance
    public let store: StandStore
    public let printer: VirtualReceiptPrinter
    public let drawer: VirtualCashDrawer
    /// The terminal side: a ZVT card terminal on a pseudo-terminal.
    public let cardSimulator: ZVTTerminalSimulator
    /// The stand side: the real ZVT driver on the pty's serial line.
    public let cardTerminal: ZVTPaymentTerminal
    /// What the card terminal last showed the customer.
    public var lastCardPrompt: String? { cardPrompts.last.withLock { $0 } }
    private let cardPrompts = PromptLog()

    private final class PromptLog: Sendable {
        let last = Mutex<String?>(nil)
    }
    public let keypad: ScriptedKeypad
    public let scanner: ScriptedScanner
    public let location: FakeLocationSource
    public let display: SimulatorDisplay
    /// Whether the demo operators were just created in an empty store.
    public let seededDemoOperators: Bool
    /// "Log in: PIN 1234 (Anna) …" while the demo operators are among the stand's operators.
    public let demoLoginHint: String?

    /// The operators a fresh simulated stand gets, so it can be used at once.
    public static let demoOperators: [(id: OperatorID, name: String, pin: String, role: OperatorRole)] = [
        ("anna", "Anna", "1234", .operator),
        ("sam", "Sam", "9999", .supervisor),
    ]

    /// Opens the store, loads the catalog, seeds the demo operators into an empty store and
    /// wires the virtual devices to a new appliance (not yet running: call `appliance.run()`).
    public init(configuration: StandConfiguration, logger: Logger = Logger(label: "standkit.appliance")) throws {
        self.configuration = configuration
        let assembly = try StandAssembly(configuration: configuration)
        store = assembly.store
        var operators = assembly.operators
        seededDemoOperators = operators.accounts.isEmpty
        if seededDemoOperators {
            for demo in Self.demoOperators {
                let account = try operators.set(demo.id, name: demo.name, role: demo.role, pin: demo.pin)
                try store.upsertOperator(account.stored)
            }
            logger.notice("demo operators created", metadata: ["operators": "\(Self.demoOperators.map(\.name))"])
        }
        let demoIDs = Set(Self.demoOperators.map(\.id))
        demoLoginHint = demoIDs.isSubset(of: Set(operators.accounts.map(\.id)))
            ? "Locked - log in: PIN " + Self.demoOperators.map { "\($0.pin) (\($0.name), \($0.role.rawValue))" }.joined(separator: " or ") + ", then Enter"
            : nil
        printer = VirtualReceiptPrinter(paperWidth: configuration.paperWidth)
        drawer = VirtualCashDrawer()
        cardSimulator = try ZVTTerminalSimulator.pseudoTerminal(settings: ZVTSimulatorSettings(
            customerStepDelay: .milliseconds(500), powerOffDuration: .seconds(5),
            currency: ZVTTerminalSettings.isoNumber(of: configuration.currency) ?? 978))
        guard let cardPath = cardSimulator.devicePath else { throw StandService.StartError(description: "The card terminal simulator has no serial line.") }
        cardTerminal = ZVTPaymentTerminal(line: SerialTerminalLine(settings: .init(path: cardPath, baudRate: 115_200)),
                                          connection: .serial(path: cardPath, baudRate: 115_200),
                                          settings: ZVTTerminalSettings(currency: configuration.currency, masterTimeout: .seconds(20)),
                                          model: "ZVT card terminal (simulated)")
        let events = cardTerminal.events()
        Task { [cardPrompts] in
            for await event in events {
                if case .terminalPrompt(let text) = event { cardPrompts.last.withLock { $0 = text } }
            }
        }
        keypad = ScriptedKeypad(millisecondsPerKey: 1)
        scanner = ScriptedScanner()
        location = FakeLocationSource()
        display = SimulatorDisplay(geometry: configuration.displayGeometry)
        let devices = DeviceSet(printer: printer, drawer: drawer, paymentTerminal: cardTerminal, keypad: keypad,
                                scanner: scanner, display: display, location: location)
        appliance = try assembly.appliance(devices: devices, operators: operators,
                                           backoff: ReconnectBackoff(initial: .milliseconds(250), maximum: .seconds(2)),
                                           printRetryInterval: .seconds(2), logger: logger)
    }
}
