#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandCore
import StandStore
import Testing

@Suite("standd on SIGTERM mid-sale", .serialized)
struct StanddSignalsTests {
    /// The cash key commits the sale; SIGTERM lands `delay` after it. The sale is in the store
    /// whole or not at all, the journal is intact, and standd says STOPPING=1 and exits 0 well
    /// inside the unit's 20 s stop timeout.
    @Test(arguments: [0, 25, 150])
    func sigtermWhileASaleIsCommittedLosesNothingAndExitsZero(delayMilliseconds: Int) async throws {
        let socket = try FakeNotifySocket(abstract: false)
        defer { socket.stop() }
        let directory = try SystemdNotifyStanddTests.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--data-dir", directory],
                                        environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "400000"])
        #expect(await socket.waitFor("READY=1") != nil)
        #expect(await standd.waitFor("Locked - log in"), "\(standd.screen)")
        await standd.type("1234\r")
        await standd.type("AF")
        #expect(await standd.waitFor("4.40"), "\(standd.screen)")
        await standd.type("10")
        await standd.type("c", pause: .zero)
        try await Task.sleep(for: .milliseconds(delayMilliseconds))
        standd.signal(SIGTERM)
        let exit = try #require(await standd.timedExit(seconds: 30), "standd did not stop within 30 s")
        print("SIGTERM \(delayMilliseconds) ms after the cash key: exit \(exit.status) after \(exit.took)")
        #expect(exit.status == 0)
        #expect(exit.took < .seconds(20))
        #expect(socket.first("STOPPING=1") != nil)

        let store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        let sales = try store.sales(from: .distantPast, to: .distantFuture)
        print("SIGTERM \(delayMilliseconds) ms after the cash key: \(sales.count) sale stored")
        #expect(sales.count <= 1)
        if let sale = sales.first {
            #expect(sale.total == Money(cents: 440, .eur))
            #expect(sale.change == Money(cents: 560, .eur))
            #expect(sale.cart.lines.count == 2)
        }
        #expect(try store.salesWaitingToSync() == sales.count, "a sale's journal entry and its row go together")
        #expect(try store.integrityCheck() == ["ok"])
        guard case .intact = try store.verifyJournal() else {
            Issue.record("the journal is broken: \(try store.verifyJournal())")
            return
        }
    }

    /// SIGTERM while the card terminal is asked for the money: standd stops in time without
    /// waiting for the bank; the attempt is stored (open, or settled with its sale), and the next
    /// start resolves it with the terminal.
    @Test func sigtermDuringACardPaymentLeavesItForTheNextStart() async throws {
        let socket = try FakeNotifySocket(abstract: false)
        defer { socket.stop() }
        let directory = try SystemdNotifyStanddTests.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--data-dir", directory],
                                        environment: ["NOTIFY_SOCKET": socket.name])
        #expect(await socket.waitFor("READY=1") != nil)
        #expect(await standd.waitFor("Locked - log in"), "\(standd.screen)")
        await standd.type("1234\r")
        await standd.type("Ak")
        try await Task.sleep(for: .milliseconds(800))
        standd.signal(SIGTERM)
        let exit = try #require(await standd.timedExit(seconds: 30), "standd did not stop within 30 s")
        print("SIGTERM during a card payment: exit \(exit.status) after \(exit.took)")
        #expect(exit.status == 0)
        #expect(exit.took < .seconds(20))

        var store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        let attempts = try store.cardAttempts(from: .distantPast, to: .distantFuture)
        let sales = try store.sales(from: .distantPast, to: .distantFuture)
        print("after SIGTERM: attempts \(attempts.map(\.state)), \(sales.count) sale(s)")
        #expect(attempts.count == 1)
        #expect(sales.count == (attempts.first?.state == .settled ? 1 : 0))

        let restarted = try StanddPseudoTerminal(arguments: ["--simulate", "--data-dir", directory],
                                           environment: ["NOTIFY_SOCKET": socket.name])
        #expect(await restarted.waitFor("Locked - log in"), "\(restarted.screen)")
        #expect(await eventually(30) {
            (try? StandStore.open(dataDirectory: directory, standID: "demo-stand-01").openCardAttempts()
                .contains { $0.state == .pending || $0.state == .approved }) == false
        })
        await restarted.type("q")
        #expect(await restarted.waitForExit(seconds: 30) == 0)
        store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        let resolved = try store.cardAttempts(from: .distantPast, to: .distantFuture)
        print("after the restart: attempts \(resolved.map(\.state)), \(try store.sales(from: .distantPast, to: .distantFuture).count) sale(s)")
        #expect(try store.sales(from: .distantPast, to: .distantFuture).count == (resolved.first?.state == .settled ? 1 : 0))
    }
}
