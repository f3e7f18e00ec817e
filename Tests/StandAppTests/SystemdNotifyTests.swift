#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import StandHardware
import StandStore
import Synchronization
import Testing
@testable import StandApp

/// A stand-in for systemd's notification socket: binds a unix datagram socket (a file in a
/// scratch directory, or an `@name` in the abstract namespace) and keeps every message with
/// the time it arrived.
final class FakeNotifySocket: Sendable {
    struct Message: Sendable {
        let text: String
        let at: ContinuousClock.Instant
    }

    /// The value for `$NOTIFY_SOCKET`.
    let name: String
    private let descriptor: Int32
    private let received = Mutex<[Message]>([])
    private let stopped = Atomic<Bool>(false)
    private let onMessage: (@Sendable (String) -> Void)?

    /// `onMessage` runs on the receiving thread the moment a message arrives (as systemd acts on it).
    init(abstract: Bool, onMessage: (@Sendable (String) -> Void)? = nil) throws {
        self.onMessage = onMessage
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let tag = UUID().uuidString.prefix(8)
        var path: [UInt8]
        if abstract {
            name = "@standkit-notify-test-\(tag)"
            path = [0] + Array(name.utf8.dropFirst())
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(tag)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            name = directory + "/notify.sock"
            path = Array(name.utf8)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        // The abstract name's length counts exactly its bytes; a path's ends at its terminating zero.
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count + (abstract ? 0 : 1)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(length)) }
        }
        try #require(bound == 0, "bind \(name): \(String(cString: strerror(errno)))")
        self.descriptor = descriptor
        Thread { [self] in self.receive() }.start()
    }

    private func receive() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopped.load(ordering: .relaxed) {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { continue }
            let message = Message(text: String(decoding: buffer.prefix(count), as: UTF8.self), at: .now)
            onMessage?(message.text)
            received.withLock { $0.append(message) }
        }
        close(descriptor)
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        if !name.hasPrefix("@") { try? FileManager.default.removeItem(atPath: (name as NSString).deletingLastPathComponent) }
    }

    var messages: [Message] { received.withLock { $0 } }

    func first(_ text: String) -> Message? {
        messages.first { $0.text == text }
    }

    func statusLines() -> [String] {
        messages.compactMap { $0.text.hasPrefix("STATUS=") ? String($0.text.dropFirst(7)) : nil }
    }

    func waitFor(_ text: String, seconds: Double = 30) async -> Message? {
        _ = await eventually(seconds) { self.first(text) != nil }
        return first(text)
    }
}

@Suite("sd_notify, the watchdog gate, the status line and journal logs")
struct SystemdNotifyTests {
    @Test(arguments: [false, true])
    func theNotifierSendsOneDatagramPerMessageToAPathOrAnAbstractName(abstract: Bool) async throws {
        let socket = try FakeNotifySocket(abstract: abstract)
        defer { socket.stop() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name])
        #expect(notifier.isEnabled)
        notifier.send(.ready)
        notifier.send(.status("selling · printer ok"))
        notifier.send(.watchdog)
        notifier.send(.extendTimeout(.seconds(30)))
        notifier.send(.stopping)
        #expect(await eventually(30) { socket.messages.count == 5 })
        #expect(socket.messages.map(\.text) == ["READY=1", "STATUS=selling · printer ok", "WATCHDOG=1",
                                                "EXTEND_TIMEOUT_USEC=30000000", "STOPPING=1"])
    }

    @Test func withoutNotifySocketNothingIsSentAndNothingFails() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        notifier.send(.ready)
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative.sock"]).isEnabled)
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "@"]).isEnabled)
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 200)]).isEnabled)
    }

    @Test func thePetsComeAtHalfOfWatchdogUsecForThisProcessOnly() {
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "400000"]) == .milliseconds(200))
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "\(getpid())"]) == .milliseconds(200))
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "1"]) == nil)
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "0"]) == nil)
        #expect(SystemdNotifier.watchdogInterval(environment: [:]) == nil)
        #expect(SystemdNotification.status("two\nlines").text == "STATUS=two lines")
    }

    @Test func theStatusLineNamesTheConfiguredDevicesAndTheSalesWaitingToSync() {
        let line = ServiceStatusLine(locked: false, devices: [
            DeviceStatus(kind: .receiptPrinter, identity: nil, condition: .ready),
            DeviceStatus(kind: .scanner, identity: nil, condition: .notConfigured),
            DeviceStatus(kind: .paymentTerminal, identity: nil, condition: .unavailable("not connected — retrying in 4 s")),
            DeviceStatus(kind: .cashDrawer, identity: nil, condition: .warning("jammed")),
        ], salesWaitingToSync: 14)
        #expect(line.description == "selling · printer ok · card terminal missing · cash drawer jammed · 14 sales waiting to sync")
        #expect(ServiceStatusLine(locked: true, devices: [], salesWaitingToSync: 1).description
                == "locked, waiting for an operator's PIN · 1 sale waiting to sync")
    }

    @Test func journalLinesCarryThePriorityAndMetadataButNoPINsOrCardNumbers() {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "standkit.test") { label in JournalLogHandler(label: label) { line in lines.withLock { $0.append(line) } } }
        logger[metadataKey: "component"] = "card"
        logger.notice("standd running", metadata: ["stand": "demo stand"])
        logger.error("card read 4111 1111 1111 1111 failed", metadata: ["pin": "1234", "cardNumber": "4111111111111111", "receipt": "17"])
        logger.debug("not shown at info")
        let written = lines.withLock { $0 }
        #expect(written == [
            "<5>standkit.test: standd running component=card stand=\"demo stand\"\n",
            "<3>standkit.test: card read [card number withheld] failed cardNumber=[withheld] component=card pin=[withheld] receipt=17\n",
        ])
        #expect(JournalLogHandler.masked("pan 4111111111111111, receipt 17, 2026 12 02") == "pan [card number withheld], receipt 17, 2026 12 02")
        #expect(JournalLogHandler.masked("12345678901 and 123456789012 ") == "12345678901 and [card number withheld] ")
        #expect(JournalLogHandler.masked("5500 0000 0000 0004x") == "[card number withheld]x")
        #expect(JournalLogHandler.masked("123456  789012") == "123456  789012", "two spaces end a number")
        #expect(JournalLogHandler.masked("Preis 3,50 € für 2 Würstchen") == "Preis 3,50 € für 2 Würstchen")
        #expect(JournalLogHandler.priority(.critical) == 2)
        #expect(JournalLogHandler.priority(.warning) == 4)
        #expect(JournalLogHandler.priority(.trace) == 7)
    }

    @Test func theProbeFailsWhenTheAnswerDoesNotComeInTime() async {
        #expect(await LivenessProbe.answers(within: .seconds(30)) { true })
        #expect(await LivenessProbe.answers(within: .seconds(30)) { false } == false)
        #expect(await LivenessProbe.answers(within: .milliseconds(50)) {
            try? await Task.sleep(for: .seconds(60))
            return true
        } == false)
    }

    @Test func sighupNamesTheChangedSettingsAndKeepsTheCommandLineOnes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reload-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/standd.toml"
        let text = try RealDriverStandTests.standConfiguration(directory: directory, id: "reload-01", devices: "")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var running = try StandConfiguration.load(path: path)
        running.dataDirectory = "/elsewhere"
        #expect(ConfigurationReload.check(path: path, running: running) == .unchanged)
        try text.replacingOccurrences(of: "name = \"Real Hot Dogs\"", with: "name = \"Real Hot Dogs 2\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(ConfigurationReload.check(path: path, running: running) == .changed(running, applied: [], waiting: ["standName"]))
        try text.replacingOccurrences(of: "name = \"Real Hot Dogs\"", with: "name = \"Real Hot Dogs 2\"")
            .appending("\n[receipt]\nfooter = [\"Bye\"]\n").write(toFile: path, atomically: true, encoding: .utf8)
        var live = running
        live.receiptFooter = ["Bye"]
        #expect(ConfigurationReload.check(path: path, running: running) == .changed(live, applied: ["receiptFooter"], waiting: ["standName"]))
        try "[stand\n".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .unreadable = ConfigurationReload.check(path: path, running: running) else {
            Issue.record("a broken file was taken")
            return
        }
    }
}
