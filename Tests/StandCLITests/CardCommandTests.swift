import Foundation
import StandCore
import StandStore
import Testing

@Suite struct CardCommandTests {
    /// A stand with one card attempt the stand could not settle and one settled in a sale.
    static func standWithOpenAttempt() throws -> (StandCtlRunner, String) {
        let standctl = try StandCtlRunner.withNewDataDirectory()
        let store = try StandStore.open(dataDirectory: standctl.dataDirectory, standID: "stand-1")
        let demo = try DemoStand()
        let priced = try demo.pricer.price(Cart([CartItem("hotdog")]), context: PricingContext(date: Date(timeIntervalSince1970: 1_750_000_000)))
        let draft = CardSaleDraft(saleID: SaleID(), standID: "stand-1", operatorID: "anna", location: nil, cart: priced, attempt: 1,
                                  startedAt: Date(timeIntervalSince1970: 1_750_000_000))
        try store.setLastTerminalReceipt("0041")
        try store.beginCardAttempt(draft, at: draft.startedAt)
        try store.recordCardNeedsSupervisor(draft.reference, facts: "the terminal shows no transaction at all", at: draft.startedAt)
        return (standctl, draft.reference)
    }

    @Test func listsOpenAttemptsAndASupervisorSettlesOne() throws {
        let (standctl, reference) = try Self.standWithOpenAttempt()
        _ = try standctl.run(["operator", "add", "--id", "sam", "--name", "Sam", "--role", "supervisor"], input: "9999\n")
        let open = try standctl.succeed(["card", "attempts"])
        #expect(open.contains(reference) && open.contains("supervisor") && open.contains("no transaction at all"))
        let settled = try standctl.succeed(["card", "settle", "--reference", reference, "--supervisor", "sam", "--not-charged",
                                            "--reason", "terminal journal shows nothing after receipt 0041"])
        #expect(settled.contains("settled: not charged"))
        #expect(try standctl.succeed(["card", "attempts"]).contains("No open card payments"))
        let all = try standctl.succeed(["card", "attempts", "--all"])
        #expect(all.contains("not-charged") && all.contains("settled by supervisor sam"))
    }

    @Test func settlingNeedsASupervisorAndOneFinding() throws {
        let (standctl, reference) = try Self.standWithOpenAttempt()
        _ = try standctl.run(["operator", "add", "--id", "anna", "--name", "Anna"], input: "1234\n")
        let notSupervisor = try standctl.run(["card", "settle", "--reference", reference, "--supervisor", "anna", "--not-charged", "--reason", "x"])
        #expect(notSupervisor.status != 0 && notSupervisor.stderr.contains("anna is not a supervisor"))
        let both = try standctl.run(["card", "settle", "--reference", reference, "--supervisor", "anna", "--reason", "x"])
        #expect(both.stderr.contains("either --not-charged or --given-back"))
        let unknown = try standctl.run(["card", "settle", "--reference", "nope", "--supervisor", "anna", "--given-back", "--reason", "x"])
        #expect(unknown.status != 0)
    }
}
