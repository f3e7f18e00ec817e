import ArgumentParser
import StandCore
import StandStore

/// `standctl journal verify`: recomputes the hash chain over every committed event.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "journal", abstract: "Work with the stand's hash-chained journal.",
                                                    subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute the journal's SHA-256 chain; exit 1 and name the first broken link if it is broken.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let verification = try store.openStore().verifyJournal()
            print(verification.description)
            if !verification.isIntact { throw ExitCode.failure }
        }
    }
}
