#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandHardware
import Testing
@testable import StandDrivers

/// The gpsd driver against a real gpsd, fed by gpsfake (Debian's gpsd-clients) replaying the
/// committed NMEA log of a receiver at Alexanderplatz: 6 s without a fix, then 16 s of walking.
@Suite struct GPSDFakeReplayTests {
    static let log = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/alexanderplatz-walk.nmea")

    /// A position of the log and when the receiver reported it.
    struct LoggedFix {
        let latitude: Double
        let longitude: Double
        let time: Date
    }

    /// The fixes of the log's RMC sentences, read with StandHardware's NMEA parser (which also
    /// checks every sentence's checksum).
    static func loggedFixes() throws -> [LoggedFix] {
        let text = try String(contentsOf: log, encoding: .utf8)
        var fixes: [LoggedFix] = []
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("$") {
            let sentence = try NMEASentence(parsing: String(line))
            guard sentence.type.hasSuffix("RMC"), let fix = try sentence.fix() else { continue }
            fixes.append(LoggedFix(latitude: fix.latitude, longitude: fix.longitude, time: fix.time))
        }
        return fixes
    }

    static func executable(_ name: String, in directories: [String]) throws -> String {
        for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw GPSDTestFailure("\(name) is not installed (looked in \(directories.joined(separator: ", "))): "
            + "install gpsd and gpsd-clients (scripts/setup does)")
    }

    @Test func replaysTheLogThroughGpsdAndDisconnectsWhenGpsfakeEnds() async throws {
        let gpsfake = try Self.executable("gpsfake", in: ["/usr/bin", "/usr/local/bin"])
        _ = try Self.executable("gpsd", in: ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"])
        let logged = try Self.loggedFixes()
        try #require(logged.count == 16)

        let port = try GPSDTestServer.unusedPort()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("gpsfake-\(UUID().uuidString).err")
        defer { try? FileManager.default.removeItem(at: errors) }
        // -p: gpsfake's own client activates the receiver and waits 1.4 s before the replay starts,
        // so the driver is watching from the first sentence on; -1: the log once, then gpsd stops;
        // -c 0.5: a sentence every half second leaves a starved test task time to connect.
        let process = try GPSDFakeProcess(executable: gpsfake, arguments: ["-1", "-p", "-q", "-P", "\(port)", "-c", "0.5", Self.log.path],
                                          errorPath: errors.path)
        defer { process.kill() }
        func gpsfakeSaid() -> String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

        let driver = GPSDLocationSource(settings: .init(port: port, connectTimeout: .seconds(1), pollMilliseconds: 50))
        let recorder = GPSDEventRecorder(driver.events())
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                try await driver.open()
                break
            } catch {
                #expect(error.code == .notFound, "before gpsd listens: \(error)")
                guard ContinuousClock.now < deadline, !process.hasExited else {
                    Issue.record("gpsfake's gpsd never listened on \(port): \(error); gpsfake said: \(gpsfakeSaid())")
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        try await driver.claim()
        try await driver.enable()

        let ended = await recorder.wait(within: .seconds(60)) { $0.contains(.disconnected) }
        #expect(ended, "gpsd did not close the connection after the log ended; events: \(recorder.events); gpsfake said: \(gpsfakeSaid())")
        #expect(await driver.state == .disconnected)
        #expect(await process.waitForExit(within: .seconds(30)), "gpsfake did not exit after the log")
        #expect(process.exitCode == 0, "gpsfake said: \(gpsfakeSaid())")

        // gpsd reports a fix once per sentence or once per second of the log: the same position
        // may come twice, but in the log's order. gpsfake starts feeding before the driver
        // watches, so on a loaded machine the first positions may pass unseen: from the first
        // position received, every later one of the log comes.
        let received = recorder.fixes
        var indices: [Int] = []
        var timed: Set<Int> = []
        for fix in received {
            let index = logged.firstIndex {
                abs($0.latitude - fix.latitude) < 1e-5 && abs($0.longitude - fix.longitude) < 1e-5
            }
            guard let index else {
                Issue.record("gpsd reported \(fix.latitude), \(fix.longitude), which is not in the log")
                continue
            }
            indices.append(index)
            // The first fix of the log is a GGA, which carries no date, so gpsd sends it without a
            // time (and the fix is stamped now); every other fix has the log's time to the millisecond.
            if abs(fix.time.timeIntervalSince(logged[index].time)) < 0.001 { timed.insert(index) }
        }
        #expect(indices == indices.sorted(), "fixes out of the log's order: \(indices)")
        let first = try #require(indices.first, "no fix arrived; events: \(recorder.events)")
        #expect(Array(Set(indices)).sorted() == Array(first..<logged.count), "positions received: \(indices)")
        #expect(logged.count - first >= 4, "only the last \(logged.count - first) positions arrived: \(indices)")
        #expect(timed == Set(indices).subtracting([0]), "fixes with the log's time: \(timed.sorted())")
        let last = try #require(logged.last)
        let lastFix = try #require(await driver.lastFix)
        #expect(abs(lastFix.latitude - last.latitude) < 1e-5 && abs(lastFix.longitude - last.longitude) < 1e-5)
        await driver.close()
    }
}
