import Foundation
import StandApp
import StandCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The control socket of the real `standd --config … --control-socket PATH`.
@Suite struct ControlServerStanddTests {
    @Test func standdAnswersOnItsControlSocketAndRemovesItOnSIGTERM() async throws {
        let directory = try RealDriverStandTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/standd.toml"
        try RealDriverStandTests.standConfiguration(directory: directory, id: "control-01", devices: "")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        try RealDriverStandTests.addOperators(directory: directory, standID: "control-01")
        let socket = try ControlServerTests.socketPath()

        let process = Process()
        process.executableURL = try StanddPseudoTerminal.binary()
        process.arguments = ["--config", configPath, "--control-socket", socket]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var status: StandStatus?
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            status = try? await ControlServerTests.status(socket)
            if status?.devices.first(where: { $0.kind == "display" })?.up == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status?.devices.first { $0.kind == "display" }?.up == true, "\(String(describing: status))")
        #expect(status?.standID == "control-01")
        #expect(status?.storage.dataDirectory == directory)
        let metrics = String(decoding: try await ControlServerTests.get(socket, "/metrics"), as: UTF8.self)
        #expect(try ControlServerTests.samples(metrics)["standkit_device_up{kind=\"display\"}"] == 1)
        var info = stat()
        #expect(stat(socket, &info) == 0 && info.st_mode & 0o777 == 0o660)

        kill(process.processIdentifier, SIGTERM)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket is removed when standd stops")
    }
}
