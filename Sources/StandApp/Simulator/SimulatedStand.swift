import Foundation
import HardwareMocks
import Logging
import StandCore
import StandHardware
import StandStore

/// A whole stand on virtual devices around the real store: what `standd --simulate` runs.
/// Every device is a HardwareMocks device the simulator's keys drive and break; every sale goes
/// through the real `StandStore` in the configuration's data directory.
public struct SimulatedStand: Sendable {
    public let configuration: StandConfiguration
    public let appliance: StandAppliance
    public let store: StandStore
    public let printer: VirtualReceiptPrinter
    public let drawer: VirtualCashDrawer
    public let cardTerminal: MockPaymentTerminal
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
        cardTerminal = MockPaymentTerminal()
        cardTerminal.setProcessingDelay(.milliseconds(500))
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
