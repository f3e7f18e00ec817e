import Foundation
import GRDB
import StandCore
import Testing
@testable import StandStore
#if canImport(Glibc)
import Glibc
#endif

@Suite struct StoreErrorTests {
    @Test func aMissingDataDirectoryIsNamed() throws {
        let path = try TempDirectory().path + "/not-there"
        #expect {
            try StandStore.open(dataDirectory: path, standID: testStand)
        } throws: { error in
            guard case StoreError.missingDataDirectory(let named) = error else { return false }
            return named == path && "\(error)".contains("mkdir -p \(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileGivenAsDataDirectoryIsRefused() throws {
        let file = try TempDirectory().path + "/plain-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect {
            try StandStore.open(dataDirectory: file, standID: testStand)
        } throws: { error in
            guard case StoreError.notADirectory = error else { return false }
            return true
        }
    }

    @Test func aFileThatIsNotADatabaseIsReportedAndLeftUntouched() throws {
        let directory = try TempDirectory()
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: directory.databasePath))
        #expect {
            try StandStore.open(dataDirectory: directory.path, standID: testStand)
        } throws: { error in
            guard case StoreError.corruptDatabase(let path, _) = error else { return false }
            let words = "\(error)"
            return path == directory.databasePath && words.contains("restore") && words.contains("left untouched")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.databasePath)) == garbage)
    }

    @Test func aDatabaseWithDamagedPagesIsReportedAndLeftUntouched() throws {
        let directory = try TempDirectory()
        do {
            let store = try StandStore.open(dataDirectory: directory.path, standID: testStand)
            for _ in 0..<200 { try store.commit(try cashSale()) }
        }
        // Overwrite everything after the first two pages (header and schema stay readable).
        let url = URL(fileURLWithPath: directory.databasePath)
        var bytes = try Data(contentsOf: url)
        let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        #expect(bytes.count > pageSize * 8)
        for index in (pageSize * 2)..<bytes.count { bytes[index] = 0xA5 }
        try bytes.write(to: url)
        var failure: StoreError?
        var integrity: [String] = []
        do {
            let store = try StandStore.open(dataDirectory: directory.path, standID: testStand)
            _ = try store.verifyJournal()
            _ = try store.sales(from: .distantPast, to: .distantFuture)
            integrity = try store.integrityCheck()
        } catch {
            failure = error
        }
        if let failure {
            guard case .corruptDatabase(let path, _) = failure else { Issue.record("unexpected \(failure)"); return }
            #expect(path == directory.databasePath)
        } else {
            #expect(integrity != ["ok"])
        }
        #expect(try Data(contentsOf: url) == bytes)
    }

    @Test func aDatabaseFromANewerStandKitIsRefused() throws {
        let directory = try TempDirectory()
        do {
            let store = try StandStore.open(dataDirectory: directory.path, standID: testStand)
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
        }
        #expect {
            try StandStore.open(dataDirectory: directory.path, standID: testStand)
        } throws: { error in
            guard case StoreError.newerSchema(_, let unknown) = error else { return false }
            return unknown == ["v99-from-the-future"] && "\(error)".contains("Upgrade StandKit")
        }
    }

    @Test func anotherStandsDatabaseIsRefused() throws {
        let directory = try TempDirectory()
        _ = try StandStore.open(dataDirectory: directory.path, standID: "stand-a")
        #expect {
            try StandStore.open(dataDirectory: directory.path, standID: "stand-b")
        } throws: { error in
            guard case StoreError.standMismatch(_, let stored, let requested) = error else { return false }
            return stored == "stand-a" && requested == "stand-b"
        }
    }

    /// Covers SQLITE_FULL as SQLite reports it when the database may not grow (here: capped with
    /// `PRAGMA max_page_count` on the writer connection; a disk without space gives the same code).
    @Test(arguments: StoreKind.allCases)
    func aFullDatabaseRefusesTheCommitAndKeepsEverythingElse(kind: StoreKind) throws {
        let store = try kind.makeStore()
        try store.commit(try cashSale())
        try store.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
        }
        var committed = 1
        var failure: StoreError?
        for _ in 0..<2000 {
            let sale = try cashSale()
            do {
                try store.commit(sale)
                committed += 1
            } catch {
                failure = error
                break
            }
        }
        guard case .diskFull(let path) = failure else { Issue.record("expected diskFull, got \(String(describing: failure))"); return }
        #expect(path == store.databasePath)
        #expect("\(failure!)".contains("Free space"))
        #expect(try store.sales(from: .distantPast, to: .distantFuture).count == committed)
        #expect(try store.verifyJournal() == .intact(entryCount: committed, headHash: try store.journalEntries(from: Int64(committed), limit: 1)[0].hash))
        #expect(try store.pendingOutbox(limit: 10_000).count == committed)
    }

    /// As an ordinary user: a directory without write permission. As root (who ignores permission
    /// bits), the helper child drops to user `nobody` and opens a root-owned directory.
    @Test func aReadOnlyDataDirectoryIsNamedWithTheUser() throws {
        let directory = try TempDirectory()
        _ = try StandStore.open(dataDirectory: directory.path, standID: "crash-stand")
        if getuid() == 0 {
            #expect(chmod(directory.path, 0o755) == 0)
            let (status, output) = try ChildProcess.run(["open", directory.path])
            #expect(status == 3)
            #expect(output.contains("cannot be written by user nobody"))
            #expect(output.contains(directory.path))
        } else {
            #expect(chmod(directory.path, 0o500) == 0)
            defer { chmod(directory.path, 0o700) }
            #expect {
                try StandStore.open(dataDirectory: directory.path, standID: "crash-stand")
            } throws: { error in
                guard case StoreError.readOnlyDataDirectory(let path, _, _) = error else { return false }
                return path == directory.path
            }
        }
    }
}
