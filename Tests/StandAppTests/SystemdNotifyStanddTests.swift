#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks
import StandCore
import StandStore
import Synchronization
import Testing

@Suite("standd tells a fake systemd when it is ready, how it is and that it lives", .serialized)
struct SystemdNotifyStanddTests {
    static func dataDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("standd-notify-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func pets(_ socket: FakeNotifySocket, after instant: ContinuousClock.Instant, within window: Duration) -> Int {
        socket.messages.filter { $0.text == "WATCHDOG=1" && $0.at > instant && $0.at <= instant + window }.count
    }

    @Test(arguments: [false, true])
    func readyAfterTheStoreExistsThenStatusAndPetsEvery200ms(abstract: Bool) async throws {
        let socket = try FakeNotifySocket(abstract: abstract)
        defer { socket.stop() }
        let directory = try Self.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--data-dir", directory],
                                        environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "400000"])
        let ready = try #require(await socket.waitFor("READY=1"), "messages: \(socket.messages.map(\.text))")
        print("standd --simulate: READY=1 \(ready.at - standd.started) after the launch")
        #expect(FileManager.default.fileExists(atPath: directory + "/" + StandStore.databaseFileName))
        let status = try #require(socket.statusLines().first)
        #expect(status.hasPrefix("locked, waiting for an operator's PIN"), "\(status)")
        #expect(status.contains("printer ok"), "\(status)")
        #expect(socket.messages.firstIndex { $0.text == "READY=1" }! < socket.messages.firstIndex { $0.text.hasPrefix("STATUS=") }!)

        // 200 ms pets: about 10 in two seconds; a loaded two-core box running the whole suite
        // delays some, but a stopped watchdog sends none.
        try await Task.sleep(for: .seconds(3))
        let window = Self.pets(socket, after: ready.at + .milliseconds(500), within: .seconds(2))
        #expect((3...14).contains(window), "pets in 2 s: \(window)")

        #expect(await standd.waitFor("Locked - log in"), "\(standd.screen)")
        await standd.type("1234\r")
        #expect(await eventually(30) { socket.statusLines().last?.hasPrefix("selling") == true }, "\(socket.statusLines())")
        await standd.type("q")
        #expect(await standd.waitForExit(seconds: 30) == 0)
        #expect(socket.first("STOPPING=1") != nil)
    }

    @Test func aFrozenApplianceStopsThePets() async throws {
        let socket = try FakeNotifySocket(abstract: false)
        defer { socket.stop() }
        let directory = try Self.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--data-dir", directory],
                                        environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "400000",
                                                      "STANDD_DEBUG_FREEZE_AFTER_MS": "1500"])
        let ready = try #require(await socket.waitFor("READY=1"))
        try await Task.sleep(for: .seconds(4))
        let before = Self.pets(socket, after: ready.at, within: .milliseconds(1200))
        let after = Self.pets(socket, after: ready.at + .milliseconds(2500), within: .seconds(100))
        #expect(before >= 3, "pets before the freeze: \(before)")
        #expect(after == 0, "pets after the freeze: \(after)")
        standd.signal(SIGKILL)
        _ = await standd.waitForExit(seconds: 30)
    }

    @Test func standdWithARealDriverConfigurationNotifiesToo() async throws {
        let socket = try FakeNotifySocket(abstract: true)
        defer { socket.stop() }
        let directory = try RealDriverStandTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (_, server) = try await RealDriverStandTests.networkPrinter()
        let text = try RealDriverStandTests.configurationText(directory: directory, printerPort: server.port)
        try RealDriverStandTests.addOperators(directory: directory, standID: "real-01")
        let configPath = directory + "/standd.toml"
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = try StanddPseudoTerminal.binary()
        process.arguments = ["--config", configPath, "--control-socket", directory + "/control.sock"]
        process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "2000000"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let launched = ContinuousClock.now
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let ready = try #require(await socket.waitFor("READY=1"), "messages: \(socket.messages.map(\.text))")
        print("standd --config: READY=1 \(ready.at - launched) after the launch")
        #expect(socket.statusLines().first?.contains("printer ok") == true, "\(socket.statusLines())")
        #expect(await eventually(30) { socket.first("WATCHDOG=1") != nil })

        // SIGHUP: the footer changed; it is applied at once, and the log says so.
        try text.appending("\n[receipt]\nfooter = [\"See you soon\"]\n").write(toFile: configPath, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        try await Task.sleep(for: .milliseconds(500))
        kill(process.processIdentifier, SIGTERM)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(socket.first("STOPPING=1") != nil)
        let lines = log.split(separator: "\n")
        #expect(!lines.isEmpty && lines.allSatisfy { $0.range(of: "^<[0-7]>", options: .regularExpression) != nil }, "\(log)")
        #expect(log.contains("<5>standkit.appliance: standd ready"), "\(log)")
        #expect(log.contains("SIGHUP: applied") && log.contains("applied=receiptFooter"), "\(log)")
        await server.stop()
    }

    /// systemd may stop the unit the moment it is ready: a SIGTERM right after `READY=1` must
    /// stop standd cleanly, every time (it was once ignored when it came before the watchers).
    @Test func aSIGTERMTheMomentStanddIsReadyStopsIt() async throws {
        let directory = try RealDriverStandTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/standd.toml"
        try RealDriverStandTests.standConfiguration(directory: directory, id: "stop-01", devices: "")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        try RealDriverStandTests.addOperators(directory: directory, standID: "stop-01")
        for launch in 1...50 {
            let standd = Atomic<Int32>(0)
            let socket = try FakeNotifySocket(abstract: false) { message in
                if message == "READY=1" { kill(standd.load(ordering: .acquiring), SIGTERM) }
            }
            defer { socket.stop() }
            let process = Process()
            process.executableURL = try StanddPseudoTerminal.binary()
            process.arguments = ["--config", configPath, "--control-socket", directory + "/control.sock"]
            process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": socket.name]) { $1 }
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            standd.store(process.processIdentifier, ordering: .releasing)
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            try #require(await socket.waitFor("READY=1") != nil, "launch \(launch): no READY=1")
            let stopped = await eventually(30) { !process.isRunning }
            try #require(stopped, "launch \(launch): standd ignored a SIGTERM sent right after READY=1")
            #expect(process.terminationStatus == 0, "launch \(launch)")
        }
    }

    /// A store from before the card attempts (v4 undone with the sqlite3 shell): standd asks
    /// systemd for more time before migrating it, then reports ready.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aStoreMigrationAtStartAsksSystemdForMoreTime() async throws {
        let socket = try FakeNotifySocket(abstract: false)
        defer { socket.stop() }
        let directory = try RealDriverStandTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(!StandStore.hasPendingMigrations(dataDirectory: directory))
        let text = try RealDriverStandTests.standConfiguration(directory: directory, id: "old-01", devices: "")
        try RealDriverStandTests.addOperators(directory: directory, standID: "old-01")
        #expect(!StandStore.hasPendingMigrations(dataDirectory: directory))
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [directory + "/" + StandStore.databaseFileName,
                            "DROP TABLE card_attempts; DELETE FROM grdb_migrations WHERE identifier = 'v4-card-attempts';"]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        #expect(StandStore.hasPendingMigrations(dataDirectory: directory))
        let configPath = directory + "/standd.toml"
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = try StanddPseudoTerminal.binary()
        process.arguments = ["--config", configPath, "--control-socket", directory + "/control.sock"]
        process.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": socket.name]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(await socket.waitFor("READY=1") != nil, "messages: \(socket.messages.map(\.text))")
        let texts = socket.messages.map(\.text)
        let extended = try #require(texts.firstIndex(of: "EXTEND_TIMEOUT_USEC=30000000"), "\(texts)")
        #expect(extended < texts.firstIndex(of: "READY=1")!)
        #expect(!StandStore.hasPendingMigrations(dataDirectory: directory))
        kill(process.processIdentifier, SIGTERM)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(log.contains("migrating the store"), "\(log)")
    }
}
