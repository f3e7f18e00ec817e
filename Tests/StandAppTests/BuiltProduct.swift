import Foundation

/// The package's executables, found next to the test bundle (in `.build/debug`).
enum BuiltProduct {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func url(_ name: String) throws(Missing) -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw Missing(description: "\(name) was not built next to the test bundle \(runner.path); run `swift build --build-tests` first")
    }
}
