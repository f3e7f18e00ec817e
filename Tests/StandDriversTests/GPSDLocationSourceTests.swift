import Foundation
import Logging
import StandHardware
import Testing
@testable import StandDrivers

/// The gpsd driver against an in-test server speaking gpsd's JSON.
@Suite(.serialized) struct GPSDLocationSourceTests {
    static let version = #"{"class":"VERSION","release":"3.22","rev":"3.22","proto_major":3,"proto_minor":14}"# + "\n"
    static let watchLine = String(decoding: GPSDReport.watchCommand.dropLast(), as: UTF8.self)

    static func tpv(mode: Int = 3, lat: Double, lon: Double, eph: Double? = 4.5, time: String = "2026-06-12T10:00:05.000Z") -> String {
        var fields = [#""class":"TPV""#, #""device":"/dev/ttyACM0""#, #""mode":\#(mode)"#, #""time":"\#(time)""#,
                      #""lat":\#(lat)"#, #""lon":\#(lon)"#, #""alt":38.4"#]
        if let eph { fields.append(#""eph":\#(eph)"#) }
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)!
    }

    static func settings(port: Int, maximumLineBytes: Int = 16_384) -> GPSDLocationSource.Settings {
        .init(port: port, connectTimeout: .seconds(2), maximumLineBytes: maximumLineBytes, pollMilliseconds: 20)
    }

    /// A started driver, the server's end of its connection, and its events.
    static func connected(_ server: GPSDTestServer, _ driver: GPSDLocationSource) async throws -> (GPSDTestClient, GPSDEventRecorder) {
        let recorder = GPSDEventRecorder(driver.events())
        try await driver.start()
        let client = try await server.accept()
        #expect(try await client.receiveLine() == watchLine)
        return (client, recorder)
    }

    @Test func tpvReportsAfterVersionBecomeFixesAndTheLastFix() async throws {
        let server = try GPSDTestServer()
        let driver = GPSDLocationSource(settings: Self.settings(port: server.port))
        let (client, recorder) = try await Self.connected(server, driver)
        #expect(await driver.state == .enabled)
        #expect(await driver.lastFix == nil)
        try client.send(Self.version + #"{"class":"DEVICES","devices":[]}"# + "\n")
        try client.send(Self.tpv(lat: 52.5219, lon: 13.4132, time: "2026-06-12T10:00:05.250Z"))
        let second = Self.tpv(lat: 52.52195, lon: 13.41331, eph: nil, time: "2026-06-12T10:00:06.000Z")
        let third = Self.tpv(mode: 2, lat: -33.8568, lon: 151.2153, time: "2026-06-12T10:00:07.000Z")
        let halves = Array((second + third).utf8)
        try client.send(Array(halves[..<50]))
        try await Task.sleep(for: .milliseconds(60))
        try client.send(Array(halves[50...]))

        let fixes = await recorder.waitForFixes(3)
        #expect(fixes == [
            LocationFix(latitude: 52.5219, longitude: 13.4132, accuracyMeters: 4.5, time: Self.date("2026-06-12T10:00:05.250Z")),
            LocationFix(latitude: 52.52195, longitude: 13.41331, accuracyMeters: nil, time: Self.date("2026-06-12T10:00:06.000Z")),
            LocationFix(latitude: -33.8568, longitude: 151.2153, accuracyMeters: 4.5, time: Self.date("2026-06-12T10:00:07.000Z")),
        ])
        #expect(await driver.lastFix == fixes.last)
        #expect(recorder.events.prefix(3) == [.stateChanged(.opened), .stateChanged(.claimed), .stateChanged(.enabled)])
        await driver.close()
        #expect(await driver.state == .closed)
        #expect(await recorder.wait { $0.last == .stateChanged(.closed) })
    }

    @Test func reportsWithoutAFixGiveNoFix() async throws {
        let server = try GPSDTestServer()
        let driver = GPSDLocationSource(settings: Self.settings(port: server.port))
        let (client, recorder) = try await Self.connected(server, driver)
        try client.send(Self.version)
        try client.send(#"{"class":"TPV","device":"/dev/ttyACM0","mode":1,"time":"2026-06-12T10:00:01.000Z"}"# + "\n")
        try client.send(Self.tpv(mode: 1, lat: 10, lon: 20))
        try client.send(Self.tpv(mode: 0, lat: 11, lon: 21))
        try client.send(#"{"class":"TPV","mode":3,"lat":95.0,"lon":13.4}"# + "\n")
        try client.send(#"{"class":"SKY","satellites":[]}"# + "\n")
        try await Task.sleep(for: .milliseconds(200))
        #expect(await driver.lastFix == nil)
        try client.send(Self.tpv(mode: 2, lat: 52.5, lon: 13.4))

        let fixes = await recorder.waitForFixes(1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(recorder.fixes.map { [$0.latitude, $0.longitude] } == [[52.5, 13.4]])
        #expect(fixes.count == 1)
        #expect(await driver.state == .enabled)
        await driver.close()
    }

    @Test func garbageAndOverlongLinesAreLoggedAndSkippedAndTheNextLineIsUsed() async throws {
        let server = try GPSDTestServer()
        let (logger, messages) = GPSDRecordingLogHandler.logger()
        let driver = GPSDLocationSource(settings: Self.settings(port: server.port, maximumLineBytes: 300), logger: logger)
        let (client, recorder) = try await Self.connected(server, driver)
        try client.send(Self.version)
        try client.send("hello gpsd\n")
        try client.send("{\"class\":\"TPV\",\"mode\":3,\"lat\":52.1\n")
        try client.send([0xFF, 0xFE, 0x00, 0x7B, 0x0A])
        let padded = String(Self.tpv(lat: 1, lon: 2).dropLast()) + String(repeating: " ", count: 400) + "\n"
        try client.send(padded)
        try client.send(#"{"class":"ERROR","message":"Unrecognized request '?FOO'"}"# + "\n")
        try client.send(Self.tpv(lat: 52.52, lon: 13.41))

        let fixes = await recorder.waitForFixes(1)
        try await Task.sleep(for: .milliseconds(100))
        #expect(fixes.map { [$0.latitude, $0.longitude] } == [[52.52, 13.41]])
        #expect(recorder.fixes.count == 1)
        #expect(messages.count(of: "gpsd line skipped", at: .warning) == 3)
        #expect(messages.count(of: "gpsd line too long, skipped", at: .warning) == 1)
        #expect(messages.count(of: "gpsd reported an error", at: .warning) == 1)
        #expect(messages.count(of: "gpsd answered", at: .info) == 1)
        #expect(await driver.state == .enabled)
        await driver.close()
    }

    @Test func gpsdClosingDisconnectsAndReopeningWhenItIsBackGivesFixesAgain() async throws {
        let server = try GPSDTestServer()
        let port = server.port
        let driver = GPSDLocationSource(settings: Self.settings(port: port))
        let (client, recorder) = try await Self.connected(server, driver)
        try client.send(Self.version + Self.tpv(lat: 52.5219, lon: 13.4132))
        #expect(await recorder.waitForFixes(1).count == 1)

        client.close()
        server.stop()
        #expect(await recorder.wait { $0.contains(.disconnected) })
        #expect(await driver.state == .disconnected)
        #expect(recorder.events.suffix(2) == [.disconnected, .stateChanged(.disconnected)])

        await driver.close()
        let refused = await #expect(throws: DeviceError.self) { try await driver.start() }
        #expect(refused?.summary.contains("gpsd is not running on 127.0.0.1:\(port)") == true)
        #expect(await driver.state == .closed)

        let back = try GPSDTestServer(port: port)
        try await driver.start()
        let again = try await back.accept()
        #expect(try await again.receiveLine() == Self.watchLine)
        #expect(await driver.lastFix == nil)
        try again.send(Self.version + Self.tpv(lat: 52.52, lon: 13.41))
        let fixes = await recorder.waitForFixes(2)
        #expect(fixes.map(\.latitude) == [52.5219, 52.52])
        #expect(await driver.lastFix?.latitude == 52.52)
        #expect(await driver.state == .enabled)
        await driver.close()
        await driver.close()
        #expect(await driver.state == .closed)
    }

    @Test func gpsdDroppingTheConnectionBeforeTheWatchCommandDisconnects() async throws {
        let server = try GPSDTestServer()
        let driver = GPSDLocationSource(settings: Self.settings(port: server.port))
        let recorder = GPSDEventRecorder(driver.events())
        try await driver.open()
        try await driver.claim()
        try await server.accept().reset()
        try await Task.sleep(for: .milliseconds(50))
        let failure = await #expect(throws: DeviceError.self) { try await driver.enable() }
        #expect(failure?.code == .disconnected)
        #expect(failure?.summary == "gpsd at 127.0.0.1:\(server.port) closed the connection, so the stand has no GPS position.")
        #expect(await driver.state == .disconnected)
        #expect(await recorder.wait { $0.contains(.disconnected) })
        await driver.close()
    }

    @Test func nothingListeningSaysGpsdIsNotRunningAndHowToCheck() async throws {
        let port = try GPSDTestServer.unusedPort()
        let driver = GPSDLocationSource(settings: Self.settings(port: port))
        let failure = await #expect(throws: DeviceError.self) { try await driver.open() }
        #expect(failure?.code == .notFound)
        #expect(failure?.summary == "gpsd is not running on 127.0.0.1:\(port), so the stand has no GPS position.")
        #expect(failure?.action.contains("systemctl status gpsd") == true)
        #expect(failure?.detail?.contains("Connection refused") == true)
        #expect(await driver.state == .closed)

        let remote = GPSDLocationSource(settings: .init(host: "not-an-address", port: 2947))
        let bad = await #expect(throws: DeviceError.self) { try await remote.open() }
        #expect(bad?.code == .invalidInput)
        #expect(bad?.summary.contains("not-an-address") == true)
        let noPort = await #expect(throws: DeviceError.self) { try await GPSDLocationSource(settings: .init(port: 0)).open() }
        #expect(noPort?.code == .invalidInput)
    }

    @Test func aFixOlderThanTheStaleAgeIsNoLongerTheLastFix() async throws {
        let server = try GPSDTestServer()
        let clock = GPSDTestClock()
        var settings = Self.settings(port: server.port)
        settings.staleFixAge = .seconds(30)
        let driver = GPSDLocationSource(settings: settings, now: { clock.now })
        let (client, recorder) = try await Self.connected(server, driver)
        try client.send(Self.tpv(lat: 52.5219, lon: 13.4132))
        #expect(await recorder.waitForFixes(1).count == 1)
        clock.advance(by: .seconds(29))
        #expect(await driver.lastFix?.latitude == 52.5219)
        clock.advance(by: .seconds(2))
        #expect(await driver.lastFix == nil)
        try client.send(Self.tpv(lat: 52.5221, lon: 13.4135))
        #expect(await recorder.waitForFixes(2).count == 2)
        #expect(await driver.lastFix?.latitude == 52.5221)
        await driver.close()
    }

    @Test func closingStopsReadingAndEnablingTwiceIsRefused() async throws {
        let server = try GPSDTestServer()
        let driver = GPSDLocationSource(settings: Self.settings(port: server.port))
        let (client, recorder) = try await Self.connected(server, driver)
        await #expect(throws: DeviceError.self) { try await driver.enable() }
        await driver.close()
        try? client.send(Self.tpv(lat: 52.5, lon: 13.4))
        try await Task.sleep(for: .milliseconds(100))
        #expect(recorder.fixes.isEmpty)
        #expect(!recorder.events.contains(.disconnected))
        await #expect(throws: DeviceError.self) { try await driver.enable() }
        #expect(driver.identity.connection == .tcp(host: "127.0.0.1", port: server.port))
        #expect(driver.identity.kind == .locationSource)
    }
}
