import ArgumentParser
import StandApp

/// `standctl config check FILE`: whether standd would accept a configuration, before it is installed.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Work with standd's configuration.",
                                                    subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a standd.toml: prints the first problem with its line number and exits non-zero.")

        @Argument(help: "The configuration file, e.g. /etc/standkit/standd.toml.")
        var file: String

        func run() throws {
            let configuration: StandConfiguration
            do { configuration = try StandConfiguration.load(path: file) } catch { throw CommandError(error.description) }
            let devices = configuration.devices.filter { $0.value.isConfigured }.keys.map(\.description).sorted()
            print("\(file): ok — stand \(configuration.standID), \(devices.isEmpty ? "no devices" : devices.joined(separator: ", "))"
                + (configuration.metricsAddress.map { ", metrics on \($0)" } ?? ""))
        }
    }
}
