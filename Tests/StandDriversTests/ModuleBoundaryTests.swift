import Foundation
import Testing

/// C stays in StandDrivers: no file of the modules above it imports the C libraries or the
/// platform's C module (Glibc, Darwin), which would bring back raw descriptors and errno.
@Suite struct ModuleBoundaryTests {
    static let modules = ["StandCore", "StandHardware", "StandStore", "StandApp", "StandCLI"]
    static let cModules: Set<String> = ["Glibc", "Darwin", "CLibUSB", "CZBar", "CGPIOD"]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The C modules a file imports: `import Glibc`, `@preconcurrency import Glibc`,
    /// `import struct Glibc.stat`, each on a line of its own.
    static func cImports(in text: String) -> [String] {
        let statement = /^\s*(?:@\w+\s+)*import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?(\w+)/
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            (try? statement.prefixMatch(in: line)).map { String($0.1) }.flatMap { cModules.contains($0) ? $0 : nil }
        }
    }

    @Test func noModuleAboveStandDriversImportsC() throws {
        var offenders: [String] = []
        var checked = 0
        for module in Self.modules {
            let directory = Self.sources.appendingPathComponent(module)
            let files = try #require(FileManager.default.enumerator(atPath: directory.path), "no sources at \(directory.path)")
            for case let file as String in files where file.hasSuffix(".swift") {
                checked += 1
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                offenders += Self.cImports(in: text).map { "\(module)/\(file) imports \($0)" }
            }
        }
        #expect(checked > 100, "the sources were found")
        #expect(offenders.isEmpty, "C belongs in StandDrivers (Sources/StandDrivers/Syscalls, Sockets, Console …): \(offenders)")
    }

    @Test func theCheckSeesEveryFormOfImport() {
        #expect(Self.cImports(in: "import Foundation\n#if canImport(Glibc)\nimport Glibc\n#endif\n") == ["Glibc"])
        #expect(Self.cImports(in: "@preconcurrency import CZBar\n  import struct Darwin.stat\n") == ["CZBar", "Darwin"])
        #expect(Self.cImports(in: "import GlibcHelpers\n// import Glibc is not here\nlet x = \"import CGPIOD\"\n").isEmpty)
    }
}
