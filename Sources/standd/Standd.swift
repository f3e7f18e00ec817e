import ArgumentParser
import Logging
import StandApp

/// `standd`: the stand appliance, on the real stand kit its configuration names, or simulated.
@main
struct Standd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standd",
        abstract: "The StandKit stand appliance.",
        discussion: """
            standd --config /etc/standkit/standd.toml runs the stand on the devices the configuration names \
            (docs/configuration.md); it logs to standard error in the journal's format, tells systemd when it is \
            ready and alive ($NOTIFY_SOCKET, $WATCHDOG_USEC), re-reads the configuration on SIGHUP and stops on \
            SIGTERM or Ctrl-C.

            standd --simulate --data-dir DIR runs the whole stand in this terminal: the keyboard is the \
            keypad, every device is virtual, every sale is stored in DIR/stand.sqlite. The key help is \
            on screen; q or Ctrl-C quits. The log goes to DIR/standd.log.
            """)

    @Flag(help: "Run with every device virtual, the whole stand in this terminal.")
    var simulate = false

    @Option(name: .customLong("data-dir"), help: "The data directory (the store, the log); overrides the configuration's.")
    var dataDirectory: String?

    @Option(help: "A standd.toml configuration file (with --simulate, default: the simulated demo stand).")
    var config: String?

    @Option(name: .customLong("control-socket"), help: "With --config: the control socket standctl status reads (default: /run/standkit/control.sock).")
    var controlSocket: String?

    func run() async throws {
        guard simulate else { return try await runStand() }
        var configuration = try config.map { path in try StandConfiguration.load(path: path) }
            ?? StandConfiguration.simulated(dataDirectory: dataDirectory ?? "")
        if let dataDirectory { configuration.dataDirectory = dataDirectory }
        guard !configuration.dataDirectory.isEmpty else {
            throw ValidationError("Give the data directory: standd --simulate --data-dir DIR (or data_directory in --config).")
        }
        print(try await SimulatorSession.start(configuration: configuration))
    }

    private func runStand() async throws {
        guard let config else {
            throw ValidationError("Give the stand's configuration: standd --config /etc/standkit/standd.toml "
                + "(or standd --simulate --data-dir DIR for the simulated stand).")
        }
        var configuration = try StandConfiguration.load(path: config)
        if let dataDirectory { configuration.dataDirectory = dataDirectory }
        if let controlSocket { configuration.controlSocketPath = controlSocket }
        let threshold = LogThreshold(configuration.logLevel)
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, threshold: threshold) }
        try await StandService(configuration: configuration, logger: Logger(label: "standkit.appliance"), configurationPath: config,
                               logThreshold: threshold).run()
    }
}
