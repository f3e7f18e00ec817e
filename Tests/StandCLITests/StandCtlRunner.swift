import Foundation
import Testing

/// Runs the built `standctl` binary, as a script or an installer would.
struct StandCtlRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let dataDirectory: String

    /// A runner over a new, empty data directory.
    static func withNewDataDirectory() throws -> StandCtlRunner {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("standctl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return StandCtlRunner(dataDirectory: path)
    }

    static var binary: URL {
        get throws {
            let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            var directory = runner.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("standctl")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            throw CommandError("standctl was not built next to the test bundle \(runner.path); run `swift build` first")
        }
    }

    struct CommandError: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

    /// Runs `standctl ARGS --data-dir DIR` with `input` on its standard input.
    func run(_ arguments: [String], dataDirectory override: String? = nil, input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = try Self.binary
        process.arguments = arguments + ["--data-dir", override ?? dataDirectory]
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        return try Self.capture(process, input: input)
    }

    /// Runs `process` (executable and arguments set) with `input` on its standard input and
    /// collects what it printed.
    static func capture(_ process: Process, input: String = "") throws -> Result {
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs and expects success; returns stdout.
    @discardableResult
    func succeed(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "standctl \(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }
}
