import ArgumentParser
import Foundation
import StandApp
import StandCore
import StandStore

/// `standctl card attempts|settle`: the card payments the stand asked of its terminal, and a
/// supervisor's word on one the stand could not settle by itself.
struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card", abstract: "List card payment attempts; settle one the stand left to a supervisor.",
        subcommands: [Attempts.self, Settle.self])

    struct Attempts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attempts",
            abstract: "List card payment attempts: open ones (pending, approved without a sale, waiting for a supervisor), or all.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Every attempt, settled ones too.") var all = false

        func run() throws {
            let stand = try store.openStore()
            let attempts = all ? try stand.cardAttempts(from: Date(timeIntervalSince1970: 0), to: Date.distantFuture)
                               : try stand.openCardAttempts()
            guard !attempts.isEmpty else {
                print(all ? "No card payments yet." : "No open card payments: every one is in a sale, given back or known not charged.")
                return
            }
            var table = TextTable([("REFERENCE", .left), ("AMOUNT", .right), ("STATE", .left), ("RECEIPT", .left), ("WHAT HAPPENED", .left)])
            for attempt in attempts {
                table.append([attempt.reference, attempt.amount.description, attempt.state.rawValue,
                              attempt.payment?.terminalReceiptNumber ?? "-", attempt.detail ?? "-"])
            }
            print(table.render())
        }
    }

    struct Settle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settle",
            abstract: "Record a supervisor's finding on an open card payment the stand could not settle.",
            discussion: "Check the card terminal's own journal first. --not-charged: the terminal shows no charge for it. "
                + "--given-back: it was charged and the money went back to the card on the terminal by hand.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The attempt's reference, as `standctl card attempts` lists it.") var reference: String
        @Option(help: "The supervisor's operator id.") var supervisor: String
        @Option(help: "What the supervisor found, in words.") var reason: String
        @Flag(help: "The terminal shows no charge for this payment.") var notCharged = false
        @Flag(help: "It was charged and given back on the terminal by hand.") var givenBack = false

        func run() throws {
            guard notCharged != givenBack else { throw CommandError("say either --not-charged or --given-back") }
            let stand = try store.openStore()
            let directory = try OperatorDirectory(store: stand)
            guard let account = directory.account(OperatorID(supervisor)), account.role == .supervisor else {
                throw CommandError("\(supervisor) is not a supervisor of this stand; standctl operator list shows them")
            }
            guard let attempt = try stand.cardAttempt(reference) else {
                throw CommandError("no card payment \(reference); standctl card attempts lists the open ones")
            }
            guard attempt.state.isOpen else {
                throw CommandError("card payment \(reference) is \(attempt.state.rawValue) already; nothing to settle")
            }
            let words = "settled by supervisor \(account.id): \(reason)"
            if notCharged {
                try stand.recordCardNotCharged(reference, reason: words, at: Date())
            } else {
                if attempt.state == .pending {
                    try stand.recordCardNeedsSupervisor(reference, facts: "the stand could not ask the terminal", at: Date())
                }
                try stand.recordCardReversed(reference, reason: words, at: Date())
            }
            print("Card payment \(reference) of \(attempt.amount) settled: \(notCharged ? "not charged" : "given back").")
        }
    }
}
