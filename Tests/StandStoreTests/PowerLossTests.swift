import Foundation
import GRDB
import StandCore
import Testing
@testable import StandStore
#if canImport(Glibc)
import Glibc
#endif

/// Kills a child process that commits sales in a loop with SIGKILL at random moments, then
/// checks the database. `STANDKIT_CRASH_CYCLES` raises the number of cycles (scripts/crash-stress).
///
/// SIGKILL ends the process without any chance to clean up, mid-transaction or mid-fsync; what it
/// cannot simulate is the kernel losing its page cache. That part rests on `synchronous=FULL`,
/// under which SQLite returns from COMMIT only after fsync of the WAL.
@Suite(.serialized) struct PowerLossTests {
    @Test func sigkillAtRandomMomentsLosesNoCommittedSale() throws {
        let cycles = Int(ProcessInfo.processInfo.environment["STANDKIT_CRASH_CYCLES"] ?? "") ?? 50
        let directory = try TempDirectory()
        let child = try ChildProcess.executable()
        var reported: [(SaleID, Int64)] = []
        var kills = 0
        var generator = SystemRandomNumberGenerator()
        for cycle in 1...cycles {
            let process = Process()
            process.executableURL = child
            process.arguments = ["commit-loop", directory.path]
            let pipe = Pipe()
            let errors = Pipe()
            process.standardOutput = pipe
            process.standardError = errors
            try process.run()
            var output = Data()
            while !output.contains(UInt8(ascii: "\n")) {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                output.append(chunk)
            }
            usleep(UInt32.random(in: 0...15_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            output.append(pipe.fileHandleForReading.readDataToEndOfFile())
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            try #require(process.terminationReason == .uncaughtSignal,
                         "cycle \(cycle): the child ended by itself (status \(process.terminationStatus)): \(stderr)")
            kills += 1
            let text = String(decoding: output, as: UTF8.self)
            // Only whole lines count: a line cut by the kill was not yet reported.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            for line in lines {
                let parts = line.split(separator: " ")
                let id = try #require(parts.count == 3 ? SaleID(String(parts[1])) : nil, "bad line \(line)")
                reported.append((id, try #require(Int64(parts[2]))))
            }
            try checkAfterCut(directory: directory, reported: reported, cycle: cycle)
        }
        #expect(kills == cycles)
        #expect(kills >= 50 || ProcessInfo.processInfo.environment["STANDKIT_CRASH_CYCLES"] != nil)
        #expect(reported.count >= cycles)
    }

    private func checkAfterCut(directory: TempDirectory, reported: [(SaleID, Int64)], cycle: Int) throws {
        let store = try StandStore.open(dataDirectory: directory.path, standID: "crash-stand")
        #expect(try store.integrityCheck() == ["ok"], "cycle \(cycle)")
        let verification = try store.verifyJournal()
        #expect(verification.isIntact, "cycle \(cycle): \(verification)")
        let stored = try store.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, journal_seq FROM sales").map {
                (SaleID($0["id"] as String)!, $0["journal_seq"] as Int64)
            })
        }
        for (id, sequence) in reported {
            #expect(stored[id] == sequence, "cycle \(cycle): reported sale \(id) at \(sequence) is missing")
        }
        let (count, maximum) = try store.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS m FROM journal")
            return (row?["n"] as Int64? ?? -1, row?["m"] as Int64? ?? -2)
        }
        #expect(count == maximum, "cycle \(cycle): sequence numbers have gaps")
    }
}
