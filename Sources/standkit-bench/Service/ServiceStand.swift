import Foundation
import StandCore

/// A stand for one package's standd to start on, the same for every package: the demo catalog in
/// a file, every device absent but a console display drawn into a plain file, a data directory
/// with one supervisor added by the package's own standctl, and a control socket.
struct ServiceStand {
    static let standID = "bench-01"

    let package: InstalledPackage
    let directory: URL

    var configPath: String { directory.appendingPathComponent("standd.toml").path }
    var dataDirectory: String { directory.appendingPathComponent("data").path }
    var controlSocket: String { directory.appendingPathComponent("control.sock").path }
    var notifySocket: String { directory.appendingPathComponent("notify.sock").path }
    var logPath: String { directory.appendingPathComponent("standd.log").path }

    /// Writes the stand's files into `directory` (which exists) and adds the supervisor.
    static func prepare(for package: InstalledPackage, in directory: URL) throws -> ServiceStand {
        let stand = ServiceStand(package: package, directory: directory)
        try FileManager.default.createDirectory(atPath: stand.dataDirectory, withIntermediateDirectories: true)
        let catalog = directory.appendingPathComponent("catalog.json")
        try DemoStand().catalog.json().write(to: catalog)
        let display = directory.appendingPathComponent("display").path
        _ = FileManager.default.createFile(atPath: display, contents: nil)
        try """
            [stand]
            id = "\(standID)"
            name = "Bench Hot Dogs"
            data_directory = "\(stand.dataDirectory)"
            time_zone = "Europe/Berlin"
            [pricing]
            currency = "EUR"
            tax_mode = "inclusive"
            catalog = "\(catalog.path)"
            [devices.display]
            driver = "tty"
            path = "\(display)"

            """.write(toFile: stand.configPath, atomically: true, encoding: .utf8)
        _ = try runTool(package.standctl, ["operator", "add", "--data-dir", stand.dataDirectory, "--stand-id", standID,
                                           "--id", "sam", "--name", "Sam", "--role", "supervisor"], input: "4711\n")
        return stand
    }
}
