import Foundation
import Testing

/// Finds and runs the `store-crash-child` helper built next to the test bundle.
enum ChildProcess {
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["STORE_CRASH_CHILD"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("store-crash-child"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("store-crash-child"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("store-crash-child"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "store-crash-child not built; looked at \(candidates.map(\.path))")
    }

    /// Runs the child to completion, returning its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
