import Foundation
import StandApp
import Testing

/// The files the standkit package installs for systemd: every unit passes `systemd-analyze verify`
/// and scores below 2.0 in `systemd-analyze security --offline=yes`; the sysusers and tmpfiles
/// entries create the user and directories; the default config parses.
@Suite("systemd units and package files")
struct SystemdUnitTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let systemdDirectory = repository.appendingPathComponent("systemd")
    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first(where: FileManager.default.isExecutableFile)
    static let missing = "systemd-analyze is missing: scripts/setup installs it (Debian package systemd)"
    static let unitSuffixes = [".service", ".socket", ".timer", ".path", ".target"]

    static func unitFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: systemdDirectory, includingPropertiesForKeys: nil)
            .filter { url in unitSuffixes.contains { url.lastPathComponent.hasSuffix($0) } }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func theUnitsAreThere() throws {
        #expect(try Self.unitFiles().map(\.lastPathComponent) == ["standd.service"])
    }

    @Test(.enabled(if: analyze != nil, "\(missing)"))
    func everyUnitVerifies() throws {
        for unit in try Self.unitFiles() {
            let text = try String(contentsOf: unit, encoding: .utf8)
            let root = try ScratchRoot()
            defer { root.remove() }
            try root.installHostUnits()
            for program in Self.programs(in: text) {
                try root.installStub(at: program)
            }
            try root.install(text, at: "/etc/systemd/system/\(unit.lastPathComponent)")

            let result = try run(Self.analyze!, ["verify", "--root=\(root.path)", unit.lastPathComponent])
            #expect(result.status == 0, "systemd-analyze verify \(unit.lastPathComponent): \(result.output)")
            #expect(!result.output.contains(unit.lastPathComponent), "\(result.output)")
        }
    }

    @Test(.enabled(if: analyze != nil, "\(missing)"))
    func theUnitWouldFailWithoutItsBinary() throws {
        let unit = Self.systemdDirectory.appendingPathComponent("standd.service")
        let root = try ScratchRoot()
        defer { root.remove() }
        try root.installHostUnits()
        try root.install(try String(contentsOf: unit, encoding: .utf8), at: "/etc/systemd/system/standd.service")
        let result = try run(Self.analyze!, ["verify", "--root=\(root.path)", "standd.service"])
        #expect(result.status != 0)
        #expect(result.output.contains("/usr/bin/standd"), "\(result.output)")
    }

    @Test(.enabled(if: analyze != nil, "\(missing)"))
    func everyServiceScoresBelowTwo() throws {
        for unit in try Self.unitFiles() where unit.pathExtension == "service" {
            let result = try run(Self.analyze!, ["security", "--offline=yes", "--no-pager", unit.path])
            let line = result.output.split(separator: "\n").first { $0.contains("Overall exposure level") }
            let score = line.flatMap { $0.split(separator: ":").last?.split(separator: " ").first }.flatMap { Double($0) }
            #expect(score != nil, "no exposure level in: \(result.output)")
            #expect((score ?? 10) < 2.0, "\(unit.lastPathComponent) exposure \(score ?? 10): \(result.output)")
        }
    }

    @Test func theServiceRunsTheSettledPaths() throws {
        let text = try String(contentsOf: Self.systemdDirectory.appendingPathComponent("standd.service"), encoding: .utf8)
        let lines = Set(text.split(separator: "\n").map(String.init))
        for expected in [
            "Type=notify", "ExecStart=/usr/bin/standd --config /etc/standkit/standd.toml", "User=stand", "Group=stand",
            "StateDirectory=standkit", "ConfigurationDirectory=standkit", "RuntimeDirectory=standkit",
            "SupplementaryGroups=lp dialout input gpio video i2c", "CapabilityBoundingSet=", "DevicePolicy=closed",
        ] {
            #expect(lines.contains(expected), "standd.service lacks \(expected)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-sysusers"),
                   "systemd-sysusers is missing: scripts/setup installs it (Debian package systemd)"))
    func sysusersAndTmpfilesMakeTheUserAndDirectories() throws {
        let root = try ScratchRoot()
        defer { root.remove() }
        for file in ["passwd", "group"] {
            try root.install(try String(contentsOfFile: "/etc/\(file)", encoding: .utf8), at: "/etc/\(file)")
        }
        for kind in ["sysusers.d", "tmpfiles.d"] {
            let entries = Self.systemdDirectory.appendingPathComponent("\(kind)/standkit.conf")
            try root.install(try String(contentsOf: entries, encoding: .utf8), at: "/usr/lib/\(kind)/standkit.conf")
        }
        try root.install("[stand]\n", at: "/etc/standkit/standd.toml")

        let users = try run("/usr/bin/systemd-sysusers", ["--root=\(root.path)", "standkit.conf"])
        #expect(users.status == 0, "\(users.output)")
        let files = try run("/usr/bin/systemd-tmpfiles", ["--root=\(root.path)", "--create", "standkit.conf"])
        #expect(files.status == 0, "\(files.output)")

        let passwd = try String(contentsOfFile: root.path + "/etc/passwd", encoding: .utf8)
        let stand = passwd.split(separator: "\n").first { $0.hasPrefix("stand:") }?.split(separator: ":", omittingEmptySubsequences: false)
        #expect(stand?[5] == "/var/lib/standkit" && stand?[6] == "/usr/sbin/nologin")
        let groups = try String(contentsOfFile: root.path + "/etc/group", encoding: .utf8).split(separator: "\n")
        for group in ["lp", "dialout", "input", "gpio", "video", "i2c"] {
            let members = groups.first { $0.hasPrefix("\(group):") }?.split(separator: ":", omittingEmptySubsequences: false).last
            #expect(members?.split(separator: ",").contains("stand") == true, "stand is not in \(group)")
        }
        let data = try FileManager.default.attributesOfItem(atPath: root.path + "/var/lib/standkit")
        #expect((data[.posixPermissions] as? Int) == 0o750)
        #expect((data[.ownerAccountID] as? Int).map(String.init) == stand.map { String($0[2]) })
        let config = try FileManager.default.attributesOfItem(atPath: root.path + "/etc/standkit/standd.toml")
        #expect((config[.posixPermissions] as? Int) == 0o640)
        #expect((config[.groupOwnerAccountID] as? Int).map(String.init) == stand.map { String($0[3]) })
    }

    @Test func thePackagedConfigParsesWithTheSettledPaths() throws {
        let path = Self.repository.appendingPathComponent("packaging/deb/standd.toml").path
        let config = try StandConfiguration.load(path: path)
        #expect(config.dataDirectory == "/var/lib/standkit")
        #expect(config.catalogPath == "/etc/standkit/catalog.json")
    }

    /// The absolute programs a unit's Exec*= lines run, without their `-@:+!` prefixes.
    static func programs(in unit: String) -> Set<String> {
        var programs = Set<String>()
        for line in unit.split(separator: "\n") where line.hasPrefix("Exec") {
            guard let value = line.split(separator: "=", maxSplits: 1).last else { continue }
            let program = value.drop { "-@:+! ".contains($0) }.split(separator: " ").first.map(String.init)
            if let program, program.hasPrefix("/") { programs.insert(program) }
        }
        return programs
    }
}

/// A temporary directory standing in for `/` (`--root=` of systemd's tools).
private struct ScratchRoot {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("standkit-root-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func install(_ text: String, at file: String) throws {
        let url = URL(fileURLWithPath: path + file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func installStub(at program: String) throws {
        try install("#!/bin/sh\nexit 0\n", at: program)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path + program)
    }

    /// The host's packaged units (targets, slices) that a unit's dependencies name.
    func installHostUnits() throws {
        try FileManager.default.createDirectory(atPath: path + "/usr/lib/systemd", withIntermediateDirectories: true)
        let result = try run("/bin/cp", ["-a", "/lib/systemd/system", path + "/usr/lib/systemd/"])
        #expect(result.status == 0, "\(result.output)")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SYSTEMD_LOG_COLOR"] = "0"
    environment["SYSTEMD_PAGER"] = ""
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
