import Foundation
import Testing

@Suite struct ScanCommandTests {
    struct Output { let status: Int32; let stdout: String; let stderr: String }

    static func standctl(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = try StandCtlRunner.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func qrFile(_ payload: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scan-cli-\(UUID().uuidString).png").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qrencode")
        process.arguments = ["-o", path, "-s", "4", "-m", "2"]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(payload.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "qrencode failed for \(payload.debugDescription)")
        return path
    }

    @Test func printsEachCodeWithItsSymbology() throws {
        let path = try Self.qrFile("Grüße aus dem Stand 42")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Self.standctl(["scan", "--image", path])
        #expect(result.status == 0)
        #expect(result.stdout == "QR-Code: Grüße aus dem Stand 42\n")
    }

    @Test func noCodeOfTheAskedSymbologyExitsOne() throws {
        let path = try Self.qrFile("qr-only")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Self.standctl(["scan", "--image", path, "--symbology", "ean13,code128"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no ean13,code128 found in \(path)"))
    }

    @Test func unreadableOrNonImageFilesExitOneWithTheReason() throws {
        let missing = try Self.standctl(["scan", "--image", "/nonexistent/code.png"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Cannot read /nonexistent/code.png"))
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).txt").path
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: text))
        defer { try? FileManager.default.removeItem(atPath: text) }
        let notImage = try Self.standctl(["scan", "--image", text])
        #expect(notImage.status == 1)
        #expect(notImage.stderr.contains("is not a PNG, PGM or PBM image"))
    }

    @Test func anUnknownSymbologyIsRefused() throws {
        let result = try Self.standctl(["scan", "--image", "/dev/null", "--symbology", "qr,datamatrix"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown symbology 'datamatrix'"))
    }
}
