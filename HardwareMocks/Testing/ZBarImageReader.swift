import Foundation

/// Reads the codes in a picture with the `zbarimg` tool (Debian package zbar-tools), so tests can
/// check that printed QR codes really scan. A test helper: the stand itself never runs it.
public enum ZBarImageReader {
    /// Why zbarimg could not read a picture.
    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case failed(status: Int32, message: String)

        public var description: String {
            switch self {
            case .notInstalled:
                "zbarimg is not installed. Run scripts/setup (or apt-get install zbar-tools) to install it."
            case .failed(let status, let message):
                "zbarimg found no readable code (exit status \(status)): \(message)"
            }
        }
    }

    /// Where zbarimg is, if it is installed.
    public static var executablePath: String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return (directories + ["/usr/bin", "/usr/local/bin"]).map { "\($0)/zbarimg" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static var isAvailable: Bool { executablePath != nil }

    /// The raw bytes of the one code in a PNG picture.
    public static func decodeBytes(png: [UInt8]) throws -> [UInt8] {
        try run(png: png, arguments: ["--quiet", "--raw", "-Sbinary"])
    }

    /// The text of every code in a PNG picture, one per line, as zbarimg prints them
    /// ("QR-Code:payload"), without the symbology prefix.
    public static func decodeAll(png: [UInt8]) throws -> [String] {
        let output = try run(png: png, arguments: ["--quiet"])
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map { line in
            guard let colon = line.firstIndex(of: ":") else { return String(line) }
            return String(line[line.index(after: colon)...])
        }
    }

    private static func run(png: [UInt8], arguments: [String]) throws -> [UInt8] {
        guard let executable = executablePath else { throw Failure.notInstalled }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zbar-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + [file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.failed(status: process.terminationStatus, message: String(decoding: message, as: UTF8.self))
        }
        // Binary mode prints the symbol's bytes exactly, with no newline after them.
        return [UInt8](data)
    }
}
