import Foundation
import HardwareMocks
import StandCore
import StandHardware
import StandStore
import Testing

/// Card payments that survive the stand dying at any moment: the real stand code runs in its own
/// process (`card-crash-child`: the store, the ZVT driver on a serial line, `CardPaymentDesk`), is
/// killed with SIGKILL at every step of a payment and started again, as standd is after a crash
/// or a power cut. One simulated terminal on a pseudo-terminal serves the whole scenario: like a
/// real one, it outlives the stand's crashes and keeps its own books.
///
/// After every restart the two books must agree: the terminal's net charges (approved, not
/// reversed) are exactly the card sales in the store, one charge per sale with the same receipt
/// number and amount, and no card attempt is left open. A restart never sends an authorization.
/// While a terminal cannot be asked, the attempt stays open and nothing new is charged.
@Suite(.serialized) struct CardCrashTests {
    static let amounts: [Int64] = [350, 420, 380, 400, 250, 500, 760]

    @Test(arguments: CardCrashOrder.allCases)
    func killedAtEveryStepTheTerminalsChargesAreTheStoresCardSales(order: CardCrashOrder) async throws {
        let stand = try CardCrashStand()
        for (round, point) in order.points.enumerated() {
            try await stand.play(point, cents: Self.amounts[round % Self.amounts.count], round: "\(order) round \(round + 1)")
        }
        let books = try stand.books()
        #expect(books.cardPayments.count == CardCrashPoint.allCases.count { $0.settles })
        #expect(books.authorizations == CardCrashPoint.allCases.count { $0.sendsAuthorization })
    }

    /// A restart that crashes too (while it asks the terminal what happened, then right after it
    /// stored the recovered sale) leaves the next one the same job, and the job is done once.
    @Test func restartsThatCrashAgainStoreTheSaleOnce() async throws {
        let stand = try CardCrashStand()
        let pay = try await stand.child.run(["pay", "420", "--die-at", "terminalAnswered"])
        #expect(pay.killed, "\(pay)")
        let reference = try #require(pay.first("charging")?.split(separator: " ").first.map(String.init), "\(pay)")
        let charged = try stand.books()
        #expect(charged.unsold.map(\.amount) == [420], "the approval is on the terminal only")

        let queried = charged.received.count
        let first = try await stand.child.run(["recover"]) { ledger in
            ledger.receivedAPDUs.dropFirst(queried).contains { $0.commandClass == 0x06 && $0.instruction == 0x20 }
        }
        #expect(first.killed, "killed while the repeat receipt was on its way: \(first)")
        let afterFirst = try stand.books()
        afterFirst.expectNothingChargedTwice("restart 1")
        #expect(afterFirst.openAttempts.map(\.reference) == [reference])
        #expect(afterFirst.authorizations == charged.authorizations)

        let second = try await stand.child.run(["recover", "--die-at", "saleCommitted"])
        #expect(second.killed, "\(second)")
        let afterSecond = try stand.books()
        afterSecond.expectBalanced("restart 2")
        #expect(afterSecond.cardPayments.count == 1)

        let third = try await stand.child.run(["recover"])
        #expect(third.endedNormally && third.lines == ["registered 52500123"], "nothing left to do: \(third)")
        let afterThird = try stand.books()
        afterThird.expectBalanced("restart 3")
        #expect(afterThird.cardPayments == afterSecond.cardPayments)
        #expect(afterThird.ledger.transactions == afterSecond.ledger.transactions)
        #expect(afterThird.authorizations == 1)
    }

    /// The stand restarts while the terminal is offline: the approval it lost stays an open
    /// attempt, and no card is charged (not even asked for) until the terminal answers again;
    /// then the lost approval becomes its sale first and the new payment goes through.
    @Test func aTerminalOfflineAtTheRestartHoldsCardPaymentsUntilItAnswers() async throws {
        let stand = try CardCrashStand()
        let pay = try await stand.child.run(["pay", "380", "--die-at", "terminalAnswered"])
        #expect(pay.killed, "\(pay)")
        let reference = try #require(pay.first("charging")?.split(separator: " ").first.map(String.init), "\(pay)")
        let lost = try stand.books()

        stand.simulator.setOffline(true)
        let restart = try await stand.child.run(["recover"])
        #expect(restart.endedNormally, "\(restart)")
        #expect(restart.first("terminal-offline") != nil, "\(restart)")
        #expect(restart.first("unknown")?.hasPrefix(reference) == true, "\(restart)")
        let payOffline = try await stand.child.run(["pay", "250"])
        #expect(payOffline.endedNormally, "\(payOffline)")
        #expect(payOffline.first("failed")?.contains("not resolved yet") == true, "\(payOffline)")
        let refused = try #require(payOffline.first("charging")?.split(separator: " ").first.map(String.init), "\(payOffline)")
        #expect(try stand.attempt(refused) == nil, "no new attempt while the old one is unknown")
        let offline = try stand.books()
        offline.expectNothingChargedTwice("offline")
        #expect(offline.openAttempts.map(\.reference) == [reference])
        #expect(offline.openAttempts.map(\.state) == [.pending])
        #expect(offline.ledger == lost.ledger, "the offline terminal took nothing")

        stand.simulator.setOffline(false)
        let payOnline = try await stand.child.run(["pay", "250"])
        #expect(payOnline.endedNormally, "\(payOnline)")
        #expect(payOnline.first("recovered complete")?.hasPrefix(reference) == true, "\(payOnline)")
        #expect(payOnline.first("paid") != nil, "\(payOnline)")
        let online = try stand.books()
        online.expectBalanced("back online")
        #expect(online.cardPayments.map(\.amount.cents).sorted() == [250, 380])
        #expect(online.authorizations == 2)
    }
}

/// The moments a card payment is cut, in the order they happen, and why each matters.
enum CardCrashPoint: String, CaseIterable, Sendable {
    /// The attempt is on disk, the terminal was never asked. The restart finds the terminal's
    /// newest transaction older than the attempt: nothing was charged, and the attempt must not
    /// stay open and block card payments for good.
    case attemptStored
    /// Killed by the test while the terminal holds the authorization (06 01 taken, slow "please
    /// wait" statuses running). The terminal is left talking to nobody and gives the transaction
    /// up; the restart's first command lands in that half-finished exchange, must still be served,
    /// and must find that nothing was booked.
    case midAuthorization
    /// Killed by the test as soon as the terminal has booked the approval, while the stand is
    /// still reading the result or the receipt: the money has moved and the stand has no record
    /// of it. Only the terminal's repeat receipt can tell the restart; without it the customer
    /// pays without a sale, or pays twice when charged again.
    case approvalBooked
    /// The stand has the approval in memory only: the same loss as `approvalBooked`, at a fixed
    /// point.
    case terminalAnswered
    /// The approval is on disk, its sale is not: the restart stores the sale from the stored
    /// approval, without another charge.
    case outcomeStored
    /// The sale is stored and nobody was told: the restart must neither store it again nor
    /// touch the terminal.
    case saleCommitted
    /// The terminal loses power after approving; the stand lives. Its result is lost and the
    /// terminal answers nothing, not even the question about its last transaction: the attempt
    /// must stay open (the stand cannot know) until the terminal is back, then become its sale.
    case powerLossAfterApproval

    /// Whether the payment ends as a sale.
    var settles: Bool { self != .attemptStored && self != .midAuthorization }

    /// Whether the terminal got the authorization (06 01).
    var sendsAuthorization: Bool { self != .attemptStored }

    /// What the store holds of the attempt right after the cut: proof that the kill came there.
    var statesWhenCut: Set<CardAttempt.State?> {
        switch self {
        case .attemptStored, .midAuthorization, .terminalAnswered, .powerLossAfterApproval: [.pending]
        // The test's kill races the rest of the exchange; it mostly lands before the answer is read.
        case .approvalBooked: [.pending, .approved, .settled]
        case .outcomeStored: [.approved]
        case .saleCommitted: [.settled]
        }
    }

    /// `--die-at`, for the points the child reaches by itself.
    var childStep: String? {
        switch self {
        case .attemptStored, .terminalAnswered, .outcomeStored, .saleCommitted: rawValue
        case .midAuthorization, .approvalBooked, .powerLossAfterApproval: nil
        }
    }
}

/// The whole set of kill points, in three orders: what a round leaves behind on the terminal
/// (a given-up transaction, a booked approval, a power cut just ended) is what the next round's
/// restart meets first.
enum CardCrashOrder: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case asTheyHappen, backwards, shuffled

    var points: [CardCrashPoint] {
        switch self {
        case .asTheyHappen: CardCrashPoint.allCases
        case .backwards: CardCrashPoint.allCases.reversed()
        case .shuffled: [.saleCommitted, .midAuthorization, .powerLossAfterApproval, .attemptStored, .approvalBooked, .outcomeStored, .terminalAnswered]
        }
    }

    var testDescription: String { rawValue }
}

/// One stand (its data directory) and its terminal for a whole scenario.
final class CardCrashStand {
    static let standID: StandID = "demo-stand-01"
    /// Quick steps, a long power cut (the test switches it back on), the receipt line by line so
    /// the exchange after the approval takes a while.
    static let terminal = ZVTSimulatorSettings(acknowledgementTimeout: .milliseconds(300), answerTimeout: .seconds(2),
                                               customerStepDelay: .milliseconds(30), powerOffDuration: .seconds(60),
                                               receiptDelivery: .printLines)

    let directory: String
    let simulator: ZVTTerminalSimulator
    let child: CardCrashChild

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("card-crash-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        simulator = try ZVTTerminalSimulator.pseudoTerminal(settings: Self.terminal)
        child = CardCrashChild(directory: directory, simulator: simulator)
    }

    deinit {
        simulator.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func books() throws -> CardCrashBooks {
        let store = try StandStore.open(dataDirectory: directory, standID: Self.standID)
        let sales = try store.sales(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(86_400))
        return CardCrashBooks(sales: sales, openAttempts: try store.openCardAttempts(), ledger: simulator.ledger)
    }

    func attempt(_ reference: String) throws -> CardAttempt? {
        try StandStore.open(dataDirectory: directory, standID: Self.standID).cardAttempt(reference)
    }

    /// One payment cut at `point`, then one restart; the books checked after each.
    func play(_ point: CardCrashPoint, cents: Int64, round: String) async throws {
        let before = try books()
        let received = before.received.count
        let booked = before.ledger.transactions.count
        var moment: (@Sendable (ZVTSimulatorLedger) -> Bool)?
        switch point {
        case .midAuthorization:
            simulator.enqueue(.slowIntermediate(count: 4, every: .milliseconds(300)))
            moment = { ledger in
                let sent = ledger.receivedAPDUs.dropFirst(received)
                guard let command = sent.firstIndex(where: { $0.commandClass == 0x06 && $0.instruction == 0x01 }) else { return false }
                // Two statuses answered (insert card, please wait), nothing decided yet.
                return sent[(command + 1)...].count { $0.commandClass == 0x80 } >= 2 && ledger.transactions.count == booked
            }
        case .approvalBooked:
            moment = { ledger in ledger.transactions.count > booked }
        case .powerLossAfterApproval:
            simulator.enqueue(.powerLossAfterApproval)
        case .attemptStored, .terminalAnswered, .outcomeStored, .saleCommitted:
            break
        }
        let pay = try await child.run(["pay", "\(cents)"] + (point.childStep.map { ["--die-at", $0] } ?? []), killWhen: moment)
        switch point {
        case .powerLossAfterApproval:
            #expect(pay.endedNormally, "\(round) \(point): \(pay)")
        case .approvalBooked:
            // Killed once the approval is booked; if the whole rest of the payment slipped in
            // before the kill, this round is an uncut sale, which must balance as well.
            break
        default:
            #expect(pay.killed, "\(round) \(point): \(pay)")
        }
        let reference = try #require(pay.first("charging")?.split(separator: " ").first.map(String.init), "\(round) \(point): \(pay)")
        let afterPay = try books()
        let cut = try attempt(reference)?.state
        #expect(point.statesWhenCut.contains(cut), "\(round) \(point): the kill came at \(cut.map(\.rawValue) ?? "no attempt")")
        #expect(afterPay.ledger.transactions.count - booked == (point.settles ? 1 : 0), "\(round) \(point)")
        afterPay.expectNothingChargedTwice("\(round) \(point), before the restart")
        #expect(afterPay.authorizations - before.authorizations == (point.sendsAuthorization ? 1 : 0), "\(round) \(point)")
        let soldBeforeRestart = before.newSale(in: afterPay) != nil

        if point == .powerLossAfterApproval {
            // The terminal could not be asked: the attempt is open, its charge the only one
            // without a sale.
            #expect(afterPay.openAttempts.map(\.reference) == [reference], "\(round): \(pay)")
            #expect(afterPay.unsold.map(\.amount) == [cents], "\(round)")
            simulator.powerOn()
        }

        let restart = try await child.run(["recover"])
        #expect(restart.endedNormally, "\(round) \(point): \(restart)")
        #expect(restart.first("registered") != nil, "\(round) \(point): \(restart)")
        let afterRestart = try books()
        afterRestart.expectBalanced("\(round) \(point), after the restart")
        #expect(afterRestart.authorizations == afterPay.authorizations, "\(round) \(point): the restart charged")
        #expect(afterRestart.cardPayments.count == before.cardPayments.count + (point.settles ? 1 : 0), "\(round) \(point)")
        let state = try attempt(reference)?.state
        #expect(state == (point.settles ? .settled : .notCharged), "\(round) \(point): \(pay) / \(restart)")
        if point.settles, !soldBeforeRestart {
            #expect(restart.first("recovered complete")?.hasPrefix(reference) == true, "\(round) \(point): \(restart)")
        } else if !point.settles {
            #expect(restart.first("recovered not-charged") == reference, "\(round) \(point): \(restart)")
        } else {
            #expect(restart.lines.count == 1, "\(round) \(point): nothing to recover: \(restart)")
        }
    }
}

/// The store's card sales and open attempts next to the terminal's ledger.
struct CardCrashBooks {
    let sales: [Sale]
    let openAttempts: [CardAttempt]
    let ledger: ZVTSimulatorLedger

    var cardPayments: [CardPayment] {
        sales.flatMap { $0.tenders.compactMap { if case .card(let payment) = $0 { payment } else { nil } } }
    }

    var received: [ZVTAPDU] { ledger.receivedAPDUs }

    /// Authorizations (06 01) the terminal took.
    var authorizations: Int { received.count { $0.commandClass == 0x06 && $0.instruction == 0x01 } }

    /// Approved, unreversed payments on the terminal.
    var charges: [ZVTSimulatedTransaction] {
        ledger.transactions.filter { $0.kind == .payment && $0.isApproved && !$0.isReversed }
    }

    /// Charges no sale carries.
    var unsold: [ZVTSimulatedTransaction] {
        let sold = Set(cardPayments.compactMap { Int($0.terminalReceiptNumber) })
        return charges.filter { !sold.contains($0.receiptNumber) }
    }

    /// The sale in `later` that these books do not have yet.
    func newSale(in later: CardCrashBooks) -> Sale? {
        let known = Set(sales.map(\.id))
        return later.sales.first { !known.contains($0.id) }
    }

    /// At any moment: every card sale is one charge of its amount on the terminal, no charge is
    /// in two sales, and a charge without a sale belongs to an open attempt.
    func expectNothingChargedTwice(_ context: String) {
        let receipts = cardPayments.map { Int($0.terminalReceiptNumber) }
        #expect(Set(receipts).count == receipts.count, "\(context): one charge in two sales: \(receipts)")
        for payment in cardPayments {
            let charge = charges.first { $0.receiptNumber == Int(payment.terminalReceiptNumber) }
            #expect(charge?.amount == payment.amount.cents,
                    "\(context): the sale paid with receipt \(payment.terminalReceiptNumber) has no such charge on the terminal")
        }
        #expect(openAttempts.count <= 1, "\(context): \(openAttempts.map(\.reference))")
        #expect(unsold.count <= openAttempts.count, "\(context): charges without a sale or an open attempt: \(unsold.map(\.receiptNumber))")
        for charge in unsold {
            #expect(openAttempts.contains { $0.amount.cents == charge.amount }, "\(context): receipt \(charge.receiptNumber) of \(charge.amount) belongs to no open attempt")
        }
    }

    /// After a restart that could ask the terminal: the terminal's net charges are the card
    /// sales, count and amount, and nothing is left open.
    func expectBalanced(_ context: String) {
        expectNothingChargedTwice(context)
        #expect(openAttempts.isEmpty, "\(context): open attempts \(openAttempts.map { "\($0.reference) \($0.state) \($0.detail ?? "")" })")
        #expect(ledger.netCharges == ZVTNetCharges(count: cardPayments.count, amount: cardPayments.reduce(0) { $0 + $1.amount.cents }),
                "\(context): the terminal has \(ledger.netCharges), the store \(cardPayments.count) card sales")
        #expect(unsold.isEmpty, "\(context): charges without a sale: \(unsold.map(\.receiptNumber))")
    }
}
