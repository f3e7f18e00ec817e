import Foundation
import StandApp
import StandCore
import StandStore
import Testing

@Suite("standd --simulate in a pseudo-terminal", .serialized)
struct StanddSimulatorTests {
    static func dataDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("standd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aCashSaleTypedAtTheKeyboardIsDrawnPrintedAndStored() async throws {
        let directory = try Self.dataDirectory()
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--data-dir", directory])
        #expect(await standd.waitFor("Locked - log in: PIN 1234"), "startup screen:\n\(standd.screen)")
        #expect(!standd.isCooked, "raw mode while the stand runs")
        #expect(standd.screen.contains("FAULTS"))
        await standd.type("1234\r")
        await standd.type("AF")           // products 1 and 6: classic hot dog and cola
        #expect(await standd.waitFor("4.40"), "cart screen:\n\(standd.screen)")
        await standd.type("10c")          // 10.00 given in cash
        #expect(await standd.waitFor("CHANGE"), "after cash:\n\(standd.screen)")
        #expect(await standd.waitFor("Combo hot dog + cola"), "the paper panel shows the receipt:\n\(standd.screen)")
        #expect(standd.screen.contains("5.60"))
        #expect(standd.screen.contains("1 pulse"))
        let socket = (directory as NSString).appendingPathComponent("control.sock")
        let status = try await ControlServerTests.status(socket)
        #expect(status.standID == "demo-stand-01", "standctl status --socket \(socket) answers for the simulated stand")
        #expect(status.sync.waiting == 1, "the sale waits to sync")
        #expect(status.storage.dataDirectory == directory)
        await standd.type("q")
        #expect(await standd.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: socket), "the control socket is removed on quit")
        #expect(standd.isCooked, "the terminal is restored on quit")
        #expect(standd.transcript.contains("1 sale stored in"))
        let store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        let sales = try store.sales(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(86_400))
        #expect(sales.count == 1)
        #expect(sales.first?.total == Money(cents: 440, .eur))
        #expect(sales.first?.change == Money(cents: 560, .eur))
        #expect(FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("standd.log")))
    }

    @Test func paperOutThenANewRollPrintsTheReceiptAndCtrlCQuitsCleanly() async throws {
        let directory = try Self.dataDirectory()
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--data-dir", directory])
        #expect(await standd.waitFor("Locked - log in"))
        await standd.type("p")            // the roll ends in the middle of the next receipt
        await standd.type("1234\r")
        await standd.type("B")
        await standd.type("c\r")          // exact cash
        #expect(await standd.waitFor("out of paper"), "after paper out:\n\(standd.screen)")
        #expect(standd.screen.contains("1 receipt waiting"))
        await standd.type("p")            // new roll
        #expect(await standd.waitFor("2 receipts on the roll"), "after new roll:\n\(standd.screen)")
        #expect(standd.screen.contains("COPY"))
        await standd.send([0x03])         // Ctrl-C
        #expect(await standd.waitForExit() == 0)
        #expect(standd.isCooked, "the terminal is restored on Ctrl-C")
        let store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        #expect(try store.sales(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(86_400)).count == 1)
        #expect(try store.pendingPrintJobs().isEmpty)
    }

    /// The card key goes through the stand's real ZVT driver to the terminal simulator on a
    /// pseudo-terminal; a power cut at the terminal after the approval loses the answer, and the
    /// stand finds the approval on the terminal once it is back and completes the sale, once.
    @Test func cardSalesOverZVTAndAPowerCutAfterTheApproval() async throws {
        let directory = try Self.dataDirectory()
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--data-dir", directory])
        #expect(await standd.waitFor("Locked - log in: PIN 1234"), "startup screen:\n\(standd.screen)")
        #expect(await standd.waitFor("card terminal: ok", seconds: 60), "the terminal registers first:\n\(standd.screen)")
        await standd.type("1234\r")
        await standd.type("Ak")
        // The paper panel shows the newest printout: the sale's receipt or the terminal's slip,
        // whichever came out last; both carry the masked card number.
        #expect(await standd.waitFor("************1234", seconds: 60), "the card receipt:\n\(standd.screen)")
        #expect(await standd.waitFor("2 receipts on the roll"), "the terminal's slip and the sale's receipt:\n\(standd.screen)")
        await standd.type("l")            // the terminal loses power right after the next approval
        await standd.type("\u{1B}Bk")
        #expect(await standd.waitFor("PAID BY CARD    4.20", seconds: 60), "after the power cut:\n\(standd.screen)")
        await standd.type("q")
        #expect(await standd.waitForExit() == 0)
        let store = try StandStore.open(dataDirectory: directory, standID: "demo-stand-01")
        let sales = try store.sales(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(86_400))
        #expect(sales.count == 2)
        #expect(sales.allSatisfy { $0.tenders.count == 1 && $0.tenders[0].kindName == "card" })
        #expect(try store.openCardAttempts().isEmpty)
        let attempts = try store.cardAttempts(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(86_400))
        #expect(attempts.map(\.state) == [.settled, .settled])
        let log = try String(contentsOfFile: (directory as NSString).appendingPathComponent("standd.log"), encoding: .utf8)
        #expect(log.contains("card authorization failed"), "the answer was lost, then found on the terminal")
    }

    /// The documented example configuration's lines, without its catalog file (not installed
    /// here).
    static func exampleConfiguration() throws -> [String] {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/standd.example.toml")
        return try String(contentsOf: example, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.hasPrefix("catalog") }
    }

    @Test func aConfigurationFileNamesTheStand() async throws {
        let directory = try Self.dataDirectory()
        let config = (directory as NSString).appendingPathComponent("standd.toml")
        try Self.exampleConfiguration().joined(separator: "\n").write(toFile: config, atomically: true, encoding: .utf8)
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--config", config, "--data-dir", directory])
        #expect(await standd.waitFor("(berlin-alex-01)"), "screen:\n\(standd.screen)")
        await standd.type("q")
        #expect(await standd.waitForExit() == 0)
        #expect(try StandStore.standID(ofDataDirectory: directory) == "berlin-alex-01")
    }

    @Test func aBadConfigurationSaysWhichLineAndLeavesTheTerminalAlone() async throws {
        let directory = try Self.dataDirectory()
        var lines = try Self.exampleConfiguration()
        let index = try #require(lines.firstIndex { $0.hasPrefix("auto_lock_minutes") })
        lines[index] = "auto_lock_minutes = soon"
        let config = (directory as NSString).appendingPathComponent("standd.toml")
        try lines.joined(separator: "\n").write(toFile: config, atomically: true, encoding: .utf8)
        let standd = try StanddPseudoTerminal(arguments: ["--simulate", "--config", config, "--data-dir", directory])
        #expect(await standd.waitForExit() != 0)
        #expect(standd.transcript.contains("line \(index + 1)"), "error:\n\(standd.transcript)")
        #expect(standd.isCooked)
        #expect(!FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(StandStore.databaseFileName)))
    }

    @Test func withoutSimulateItSaysWhatToDo() async throws {
        let standd = try StanddPseudoTerminal(arguments: ["--data-dir", "/tmp"])
        #expect(await standd.waitForExit() != 0)
        #expect(standd.transcript.contains("standd --simulate --data-dir DIR"))
    }
}
