import Foundation
import Testing

@Suite struct ConfigCheckTests {
    static var exampleConfig: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/standd.example.toml").path
    }

    func check(_ file: String) throws -> StandCtlRunner.Result {
        let process = Process()
        process.executableURL = try StandCtlRunner.binary
        process.arguments = ["config", "check", file]
        return try StandCtlRunner.capture(process)
    }

    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("standd-\(UUID().uuidString).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theExampleConfigurationPasses() throws {
        let result = try check(Self.exampleConfig)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok — stand berlin-alex-01"))
    }

    @Test func aBadValueIsReportedWithItsLine() throws {
        var lines = try String(contentsOfFile: Self.exampleConfig, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("auto_lock_minutes") })
        lines[index] = "auto_lock_minutes = \"five\""
        let result = try check(try write(lines.joined(separator: "\n")))
        #expect(result.status != 0)
        #expect(result.stderr.contains("line \(index + 1): auto_lock_minutes = \"five\" is not a number"), "\(result.stderr)")
    }

    @Test func aLineThatIsNotTOMLIsReportedWithItsLine() throws {
        let result = try check(try write("[stand]\nid = \"a\"\nthis is not toml\n"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 3"), "\(result.stderr)")
    }

    @Test func aMetricsListenerOffTheBoardIsRefused() throws {
        let example = try String(contentsOfFile: Self.exampleConfig, encoding: .utf8)
        let lineNumber = example.components(separatedBy: "\n").count + 2
        let result = try check(try write(example + "\n[metrics]\nlisten = \"0.0.0.0:9464\"\n"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("line \(lineNumber): listen = \"0.0.0.0:9464\" is not a loopback address"), "\(result.stderr)")
        let loopback = try check(try write(example + "\n[metrics]\nlisten = \"127.0.0.1:9464\"\n"))
        #expect(loopback.status == 0, "\(loopback.stderr)")
        #expect(loopback.stdout.contains("metrics on 127.0.0.1:9464"))
    }

    @Test func aMissingFileIsReported() throws {
        let result = try check("/nonexistent/standd.toml")
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot read the configuration"))
    }
}
