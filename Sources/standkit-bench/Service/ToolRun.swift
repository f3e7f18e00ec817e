import Foundation

/// Runs a command-line tool found on `$PATH` to completion and returns its standard output;
/// a non-zero exit throws with what the tool printed on standard error. For tools that say little
/// on standard error (it is read after standard output has ended).
func runTool(_ tool: String, _ arguments: [String], input: String = "") throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe(), errors = Pipe(), stdin = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = stdin
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let complaint = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
        throw BenchFailure("\(tool) \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)): "
            + String(decoding: complaint, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return String(decoding: printed, as: UTF8.self)
}
