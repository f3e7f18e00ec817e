import Foundation

/// The start and stop times of one build's launches.
struct ServiceTimings {
    var ready = Timings()
    var stop = Timings()
}

/// One package under the service benchmark: unpacked, its stand prepared, its notify socket
/// open, and the timings of its launches so far.
final class ServiceBuild {
    let label: String
    let package: InstalledPackage
    let stand: ServiceStand
    let socket: NotifySocket
    var timings = ServiceTimings()

    private init(label: String, package: InstalledPackage, stand: ServiceStand, socket: NotifySocket) {
        self.label = label
        self.package = package
        self.stand = stand
        self.socket = socket
    }

    /// Unpacks `deb` and prepares its stand, both in `scratch/label`.
    static func prepare(label: String, deb: String, in scratch: URL) throws -> ServiceBuild {
        let directory = scratch.appendingPathComponent(label)
        let root = directory.appendingPathComponent("root"), standDirectory = directory.appendingPathComponent("stand")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: standDirectory, withIntermediateDirectories: true)
        let package = try InstalledPackage.unpack(deb, into: root)
        let stand = try ServiceStand.prepare(for: package, in: standDirectory)
        return ServiceBuild(label: label, package: package, stand: stand, socket: try NotifySocket(path: stand.notifySocket))
    }

    /// How long after `READY=1` SIGTERM comes. standd (ba157a9) can send `READY=1` before it
    /// watches for signals: 3 of 50 SIGTERMs sent at once were ignored, none of 50 sent 200 ms later.
    static let settle: Duration = .milliseconds(500)

    /// One launch to `READY=1`, then SIGTERM to the exit: both times.
    func startAndStop() throws -> (ready: Duration, stop: Duration) {
        let standd = LaunchedStandd(stand, socket: socket)
        defer { standd.killIfRunning() }
        let ready = try standd.launch()
        LaunchedStandd.idle([standd], for: Self.settle)
        return (ready, try standd.stop())
    }

    /// Starts every build's standd, lets them idle `seconds` after `READY=1`, reads their memory
    /// and stops them (each must exit 0).
    static func idleMemory(of builds: [ServiceBuild], seconds: Int) throws -> [ProcessMemory] {
        let running = builds.map { LaunchedStandd($0.stand, socket: $0.socket) }
        defer { running.forEach { $0.killIfRunning() } }
        for standd in running { _ = try standd.launch() }
        LaunchedStandd.idle(running, for: .seconds(seconds))
        let memory = try running.map { try ProcessMemory.of($0.pid) }
        for standd in running { _ = try standd.stop() }
        return memory
    }
}
