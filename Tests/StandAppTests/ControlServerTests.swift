import CoreMetrics
import Foundation
import HardwareMocks
import Prometheus
import StandApp
import StandHardware
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct ControlServerTests {
    /// A fresh socket path in a directory anyone may search, so only the socket's own mode decides.
    static func socketPath() throws -> String {
        let directory = "/tmp/standkit-control-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        return directory + "/control.sock"
    }

    static func server(_ path: String, group: String? = nil, metrics: MetricsAddress? = nil, registry: PrometheusCollectorRegistry = .init(),
                       status: @escaping ControlServer.StatusSource = { ControlServerTests.fixedStatus }) -> ControlServer {
        ControlServer(socketPath: path, group: group, metricsAddress: metrics, registry: registry, logger: ApplianceHarness.quiet, status: status)
    }

    static let fixedStatus = StandStatus(
        version: StandVersion.current, standID: "demo-stand-01", uptimeSeconds: 75,
        devices: [.init(kind: "printer", status: "out of paper", state: "enabled", configured: true, up: false, failures: 0)],
        printQueue: .init(pending: 2), sync: .init(waiting: 14), openCardAttempts: 0,
        storage: .init(dataDirectory: "/var/lib/standkit", storeBytes: 4096, freeBytes: 1 << 30))

    @Test func statusAndMetricsAfterASale() async throws {
        let registry = PrometheusCollectorRegistry()
        try await withMetricsFactory(StandMetrics.factory(registry: registry)) {
            let stand = try await ApplianceHarness()
            defer { Task { await stand.stop() } }
            await stand.login()
            await stand.press(.product(1), .cash, .enter)
            #expect(await eventually { (try? stand.sales().count) == 1 })
            #expect(await stand.printed())

            let path = try Self.socketPath()
            let appliance = stand.appliance, directory = stand.directory, started = ContinuousClock.now
            let server = Self.server(path, registry: registry) {
                await StandStatus.read(from: appliance, dataDirectory: directory, startedAt: started)
            }
            try server.start()
            defer { Self.stop(server) }

            let status = try await Self.status(path)
            #expect(status.standID == "demo-stand-01")
            #expect(status.version == StandVersion.current)
            #expect(status.sync.waiting == 1, "the sale waits to sync")
            #expect(status.printQueue.pending == 0)
            let printer = try #require(status.devices.first { $0.kind == DeviceKind.receiptPrinter.rawValue })
            #expect(printer.up && printer.status == "ok" && printer.state == "enabled")
            #expect(status.devices.count == DeviceKind.allCases.count)
            #expect((status.storage.storeBytes ?? 0) > 0 && (status.storage.freeBytes ?? 0) > 0)

            let text = String(decoding: try await Self.get(path, "/metrics"), as: UTF8.self)
            let samples = try Self.samples(text)
            #expect(samples["standkit_sales_total"] == 1)
            #expect(samples["standkit_sale_commit_seconds_count"] == 1)
            #expect(samples.keys.contains { $0.hasPrefix("standkit_sale_commit_seconds_bucket{le=\"0.001\"") })
            #expect(samples["standkit_sale_commit_seconds_bucket{le=\"+Inf\"}"] == 1)
            #expect(samples["standkit_device_up{kind=\"printer\"}"] == 1)
            #expect(samples["standkit_print_jobs_pending"] == 0)
            #expect(samples["standkit_sync_pending_entries"] == 1)
            #expect((samples["standkit_store_size_bytes"] ?? 0) > 0)
        }
    }

    @Test func cardPaymentsAreCountedByResult() async throws {
        let registry = PrometheusCollectorRegistry()
        try await withMetricsFactory(StandMetrics.factory(registry: registry)) {
            let stand = try await ApplianceHarness()
            defer { Task { await stand.stop() } }
            stand.cardTerminal.enqueue(.decline(code: 0x05, message: "Do not honour"))
            await stand.login()
            await stand.press(.product(1), .card)
            #expect(await eventually { await stand.appliance.terminalState == .ringing })
            let samples = try Self.samples(registry.emitToString())
            #expect(samples["standkit_card_payments_total{result=\"declined\"}"] == 1)
        }
    }

    @Test func unknownPathsAre404AndMalformedRequests400() async throws {
        let path = try Self.socketPath()
        let server = Self.server(path)
        try server.start()
        defer { Self.stop(server) }
        #expect(try await Self.exchange(path, "GET /nothing HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404 "))
        #expect(try await Self.exchange(path, "hello\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
        #expect(try await Self.exchange(path, "GET /status\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
        #expect(try await Self.exchange(path, "GET /status HTTP/1.1\r\n" + String(repeating: "X-Pad: y\r\n", count: 1000))
            .hasPrefix("HTTP/1.1 400 "), "a head over 8 KiB")
        #expect(try await Self.exchange(path, "POST /status HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 405 "))
        let ok = try await Self.exchange(path, "GET /status HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(ok.hasPrefix("HTTP/1.1 200 OK\r\n") && ok.contains("Content-Type: application/json"))
    }

    @Test func aClientThatSendsNothingDoesNotHoldTheServer() async throws {
        let path = try Self.socketPath()
        let server = Self.server(path)
        try server.start()
        defer { Self.stop(server) }
        let silent = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(silent) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(silent, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        let started = ContinuousClock.now
        #expect(try await Self.status(path) == Self.fixedStatus)
        #expect(ContinuousClock.now - started < .seconds(20), "the silent client is dropped after its 2 s, not kept until the 60 s client timeout")
    }

    @Test func theSocketIsForItsOwnerAndGroupOnly() throws {
        let path = try Self.socketPath()
        let server = Self.server(path, group: "daemon")
        try server.start()
        defer { Self.stop(server) }
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_gid == getgrnam("daemon").pointee.gr_gid)
        guard geteuid() == 0 else { return }
        // As root here: a child that became nobody (group nogroup) is refused by the socket's mode;
        // the same user in the socket's group gets in.
        #expect(try ControlSocketClient.connectAs(user: "nobody", group: "nogroup", to: path) == EACCES)
        #expect(try ControlSocketClient.connectAs(user: "nobody", group: "daemon", to: path) == 0)
    }

    @Test func aStaleSocketIsReplacedALiveOneIsNotAndStopRemovesIt() async throws {
        let path = try Self.socketPath()
        let first = Self.server(path)
        try first.start()
        #expect(throws: ControlError.inUse(path)) { try Self.server(path).start() }
        #expect(try await Self.status(path) == Self.fixedStatus, "the first one still answers")
        await ControlServerTests.stopAsync(first)
        #expect(!FileManager.default.fileExists(atPath: path))

        // A socket file left by a standd that died: bound, never removed.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(stale)
        #expect(FileManager.default.fileExists(atPath: path))
        let second = Self.server(path)
        try second.start()
        defer { Self.stop(second) }
        #expect(try await Self.status(path) == Self.fixedStatus)

        let file = try Self.socketPath()
        FileManager.default.createFile(atPath: file, contents: Data("keep me".utf8))
        #expect(throws: ControlError.notASocket(file)) { try Self.server(file).start() }
        #expect(FileManager.default.contents(atPath: file) == Data("keep me".utf8))
    }

    @Test func metricsOverLoopbackTCPOnly() async throws {
        let port = UInt16.random(in: 20_000...40_000)
        let address = try #require(MetricsAddress("127.0.0.1:\(port)"))
        let registry = PrometheusCollectorRegistry()
        let path = try Self.socketPath()
        let server = Self.server(path, metrics: address, registry: registry)
        try server.start()
        defer { Self.stop(server) }
        let metrics = try await Self.exchange(port: port, "GET /metrics HTTP/1.1\r\n\r\n")
        #expect(metrics.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(metrics.contains("Content-Type: text/plain; version=0.0.4"))
        #expect(metrics.contains("standkit_print_jobs_pending 2"))
        #expect(try await Self.exchange(port: port, "GET /status HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404 "),
                "the status stays on the group's socket")
    }

    @Test(arguments: ["127.0.0.1:9464", "localhost:9464", "[::1]:9464", "127.0.0.2:80"])
    func loopbackAddressesAreAccepted(_ text: String) {
        #expect(MetricsAddress(text) != nil)
    }

    @Test(arguments: ["0.0.0.0:9464", "192.168.1.10:9464", "[::]:9464", "127.0.0.1", "127.0.0.1:0", "example.org:9464", "127.0.0.1:99999"])
    func otherAddressesAreRefused(_ text: String) {
        #expect(MetricsAddress(text) == nil)
    }

    static func status(_ path: String) async throws -> StandStatus {
        try await ControlSocketClient.offPool { try ControlClient(socketPath: path).status() }
    }

    static func get(_ path: String, _ target: String) async throws -> [UInt8] {
        try await ControlSocketClient.offPool { try ControlClient(socketPath: path).get(target) }
    }

    static func exchange(_ path: String, _ request: String) async throws -> String {
        try await ControlSocketClient.offPool { try ControlSocketClient.exchange(unix: path, request) }
    }

    static func exchange(port: UInt16, _ request: String) async throws -> String {
        try await ControlSocketClient.offPool { try ControlSocketClient.exchange(port: port, request) }
    }

    /// Stops a server without blocking a pool thread (its listener may be waiting for a status task).
    static func stop(_ server: ControlServer) {
        Thread { server.stop() }.start()
    }

    static func stopAsync(_ server: ControlServer) async {
        _ = try? await ControlSocketClient.offPool { server.stop() }
    }

    /// Every line of a Prometheus text exposition: a `# HELP`/`# TYPE` comment or `name{labels} value`.
    static func samples(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        let sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$/
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") { continue }
            guard let match = try sample.wholeMatch(in: String(line)), let value = Double(match.2) else {
                throw ControlSocketClient.Failure(description: "not a Prometheus line: \(line)")
            }
            samples[String(match.1)] = value
        }
        return samples
    }
}
