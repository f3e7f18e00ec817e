import ArgumentParser
import StandApp

/// `standd`: the stand appliance. Today it runs the simulated stand; real drivers come with
/// StandDrivers.
@main
struct Standd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standd",
        abstract: "The StandKit stand appliance.",
        discussion: """
            standd --simulate --data-dir DIR runs the whole stand in this terminal: the keyboard is the \
            keypad, every device is virtual, every sale is stored in DIR/stand.sqlite. The key help is \
            on screen; q or Ctrl-C quits. The log goes to DIR/standd.log.
            """)

    @Flag(help: "Run with every device virtual, the whole stand in this terminal.")
    var simulate = false

    @Option(name: .customLong("data-dir"), help: "The data directory (the store, the log); overrides the configuration's.")
    var dataDirectory: String?

    @Option(help: "A standd.toml configuration file (default: the simulated demo stand).")
    var config: String?

    func run() async throws {
        guard simulate else {
            throw ValidationError("This build has no real device drivers yet: run standd --simulate --data-dir DIR.")
        }
        var configuration = try config.map { path in try StandConfiguration.load(path: path) }
            ?? StandConfiguration.simulated(dataDirectory: dataDirectory ?? "")
        if let dataDirectory { configuration.dataDirectory = dataDirectory }
        guard !configuration.dataDirectory.isEmpty else {
            throw ValidationError("Give the data directory: standd --simulate --data-dir DIR (or data_directory in --config).")
        }
        print(try await SimulatorSession.start(configuration: configuration))
    }
}
