import Foundation
import HardwareMocks
import Logging
import StandHardware
import Synchronization
import Testing
@testable import StandApp

/// SIGHUP on a running stand: the receipt's header, footer and logo and the log level change at
/// once; the rest waits for a restart; a file that cannot be used changes nothing.
@Suite("SIGHUP applies what a running stand can take")
struct ConfigurationReloadTests {
    /// A stand on the mocks, its configuration file, a reloader on both and the log it writes.
    struct Reloading {
        let stand: ApplianceHarness
        let path: String
        let text: String
        let threshold = LogThreshold(.info)
        let journal = CapturedJournal()
        let reloader: ConfigurationReloader

        init() async throws {
            stand = try await ApplianceHarness()
            path = stand.directory + "/standd.toml"
            text = try RealDriverStandTests.standConfiguration(directory: stand.directory, id: "demo-stand-01", devices: "")
                + "\n[receipt]\nheader = [\"Real Hot Dogs\", \"Alexanderplatz\"]\nfooter = [\"Thank you!\"]\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let (threshold, journal) = (threshold, journal)
            let logger = Logger(label: "standkit.reload.test") { label in
                JournalLogHandler(label: label, threshold: threshold, write: journal.append)
            }
            reloader = ConfigurationReloader(path: path, running: try StandConfiguration.load(path: path),
                                             appliance: stand.appliance, threshold: threshold, logger: logger)
        }

        func rewrite(_ change: (String) -> String) throws {
            try change(text).write(toFile: path, atomically: true, encoding: .utf8)
        }

        var log: String { journal.text }

        /// A hot dog paid with exact cash; the receipt's text.
        func sell() async throws -> String {
            let before = stand.printer.receipts.count
            await stand.press(.product(1), .cash, .enter)
            #expect(await stand.printed())
            #expect(await eventually { stand.printer.receipts.count == before + 1 })
            return try #require(stand.printer.receipts.last).text
        }
    }

    @Test func aNewFooterIsPrintedOnTheNextReceiptAndANewLogLevelTakesEffect() async throws {
        let reloading = try await Reloading()
        defer { Task { await reloading.stand.stop() } }
        await reloading.stand.login()
        try reloading.rewrite {
            $0.replacingOccurrences(of: "footer = [\"Thank you!\"]", with: "footer = [\"See you at Mauerpark on Sunday\"]")
                .replacingOccurrences(of: "name = \"Real Hot Dogs\"", with: "name = \"Real Hot Dogs Mitte\"")
                + "\n[log]\nlevel = \"warning\"\n"
        }
        await reloading.reloader.reload()
        #expect(reloading.threshold.current == .warning)
        let log = reloading.log
        #expect(log.contains("applied=receiptFooter,logLevel"), "\(log)")
        #expect(log.contains("restart needed") && log.contains("changed=standName"), "\(log)")
        #expect(await reloading.reloader.running.receiptFooter == ["See you at Mauerpark on Sunday"])
        #expect(await reloading.reloader.running.standName == "Real Hot Dogs", "the name waits for the restart")

        let receipt = try await reloading.sell()
        #expect(receipt.contains("See you at Mauerpark on Sunday"), "\(receipt)")
        #expect(receipt.contains("Real Hot Dogs"), "\(receipt)")
        #expect(!receipt.contains("Thank you!"), "\(receipt)")

        // At warning, the next notice (an unchanged file) is not written.
        await reloading.reloader.reload()
        #expect(!reloading.log.contains("unchanged"), "\(reloading.log)")
    }

    @Test func aLogoThatCannotBeReadChangesNothing() async throws {
        let reloading = try await Reloading()
        defer { Task { await reloading.stand.stop() } }
        await reloading.stand.login()
        try reloading.rewrite {
            $0.replacingOccurrences(of: "footer = [\"Thank you!\"]", with: "footer = [\"New footer\"]\nlogo = \"/nowhere/logo.png\"")
                + "\n[log]\nlevel = \"debug\"\n"
        }
        await reloading.reloader.reload()
        #expect(reloading.log.contains("logo cannot be used") && reloading.log.contains("/nowhere/logo.png"), "\(reloading.log)")
        #expect(reloading.threshold.current == .info)
        #expect(await reloading.reloader.running.receiptFooter == ["Thank you!"])
        let receipt = try await reloading.sell()
        #expect(!receipt.contains("New footer"), "\(receipt)")
    }

    @Test func aBrokenFileKeepsTheRunningConfigurationAndSaysWhere() async throws {
        let reloading = try await Reloading()
        defer { Task { await reloading.stand.stop() } }
        try reloading.rewrite { $0 + "\n[log]\nlevel = \"loud\"\n" }
        await reloading.reloader.reload()
        let log = reloading.log
        #expect(log.hasPrefix("<3>"), "\(log)")
        let line = reloading.text.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        #expect(log.contains("cannot be used") && log.contains("line \(line)") && log.contains("loud"), "\(log)")
        #expect(reloading.threshold.current == .info)
    }
}

/// The lines a journal log handler wrote.
final class CapturedJournal: Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined() } }

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }
}
