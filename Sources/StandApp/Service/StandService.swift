import Foundation
import Logging
import StandHardware
import StandStore

/// `standd` on a real stand kit: the appliance around the drivers the configuration names,
/// without a screen of its own (the operator uses the stand's keypad and display). Logs go to
/// standard error, which systemd's journal keeps. Runs until SIGTERM or SIGINT.
public struct StandService: Sendable {
    public let appliance: StandAppliance
    public let store: StandStore
    public let configuration: StandConfiguration
    private let logger: Logger
    private let notifier: SystemdNotifier
    /// The file SIGHUP reads again.
    private let configurationPath: String?
    /// The journal handlers' level, which SIGHUP may change.
    private let logThreshold: LogThreshold

    /// Why the service refuses to start, in the installer's words.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Checks what a real stand needs, opens the store and builds the drivers (opening them is
    /// the supervisor's job: a missing device is reported and retried, never fatal).
    /// Tells `notifier` when a store migration makes the start long; a reloaded `[log] level`
    /// goes to `logThreshold`.
    public init(configuration: StandConfiguration, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(),
                configurationPath: String? = nil, logThreshold: LogThreshold = LogThreshold(.info)) throws {
        if let virtual = DeviceKind.allCases.first(where: { configuration.device($0) == .virtual }) {
            throw StartError(description: "The \(virtual) is configured with driver = \"virtual\", which only standd --simulate runs. "
                + "Name its real driver in the configuration, or driver = \"none\" when the stand has no \(virtual).")
        }
        guard configuration.catalogPath != nil else {
            throw StartError(description: "The configuration names no catalog: add catalog = \"/etc/standkit/catalog.json\" to [pricing] "
                + "(the stand's products and prices; standctl catalog --file FILE checks one).")
        }
        self.configuration = configuration
        self.logger = logger
        self.notifier = notifier
        self.configurationPath = configurationPath
        self.logThreshold = logThreshold
        let migrating = StandStore.hasPendingMigrations(dataDirectory: configuration.dataDirectory) ? StartTimeoutExtension(notifier: notifier) : nil
        if migrating != nil { logger.notice("migrating the store to this version of StandKit", metadata: ["data": "\(configuration.dataDirectory)"]) }
        defer { migrating?.end() }
        let assembly = try StandAssembly(configuration: configuration)
        store = assembly.store
        guard !assembly.operators.accounts.isEmpty else {
            throw StartError(description: "No operator can log in on this stand yet. Add a supervisor first: "
                + "standctl operator add --data-dir \(configuration.dataDirectory) --id ID --name NAME --role supervisor (the PIN is read from standard input).")
        }
        appliance = try assembly.appliance(devices: try DeviceFactory.devices(for: configuration),
                                           operators: assembly.operators, backoff: ReconnectBackoff(),
                                           printRetryInterval: .seconds(5), logger: logger)
    }

    /// Runs the stand until SIGTERM or SIGINT (telling systemd when it is ready, how it is and
    /// that it stops); returns after the devices are closed. SIGHUP reads the configuration again
    /// and applies what it can at once.
    public func run() async {
        logger.notice("standd running", metadata: ["stand": "\(configuration.standID)", "store": "\(store.databasePath)"])
        let appliance = appliance
        // Watched before READY=1 can go out: systemd may stop the unit the moment it is ready.
        let (stopped, stop) = AsyncStream<Void>.makeStream()
        let reloader = configurationPath.map { path in
            ConfigurationReloader(path: path, running: configuration, appliance: appliance, threshold: logThreshold, logger: logger)
        }
        let signals = TerminationSignals(hangUp: { Task { await reloader?.reload() } }) { stop.finish() }
        let running = Task { await appliance.run() }
        let control = ControlServer.open(for: appliance, configuration: configuration, logger: logger)
        let reporting = Task { [notifier, logger] in await SystemdReporting(appliance: appliance, notifier: notifier, logger: logger).run() }
        for await _ in stopped {}
        notifier.send(.stopping)
        logger.notice("standd stopping: the sale in hand is finished or left for the next start")
        signals.cancel()
        reporting.cancel()
        running.cancel()
        await running.value
        control?.stop()
        logger.notice("standd stopped: devices closed")
    }
}
