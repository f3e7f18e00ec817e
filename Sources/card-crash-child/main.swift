// A test helper, not a production program: CardCrashTests runs it against the ZVT terminal
// simulator's pseudo-terminal and kills it with SIGKILL at every step of a card payment.
//
//   card-crash-child <data-dir> <pty> pay <cents> [--die-at <step>]
//   card-crash-child <data-dir> <pty> recover [--die-at <step>]
//
// It starts as standd does: the store, the real ZVT driver on the serial line (registration),
// then every card attempt left open is resolved and each approved one stored as its sale. `pay`
// then charges a demo cart costing <cents> and stores its sale when approved. `--die-at` names a
// CardPaymentDesk.Step or `saleCommitted` (right after a sale's commit returned).
//
// One line per event on stdout, unbuffered, so a line written before a kill is never lost:
//   registered <terminal-id>              terminal-offline <why>
//   recovered complete <reference> <terminal-receipt>
//   recovered not-charged <reference>     recovered reversed <reference>
//   supervisor <reference> <facts>        unknown <reference> <why>
//   charging <reference> <cents>          (before the desk is asked)
//   paid <sale-id> <terminal-receipt>     declined <code>   cancelled   timed-out   failed <why>
// Exit status 0 after the last line; 2 for bad arguments, 3 when the store cannot be opened,
// 1 when a sale cannot be stored.
import Foundation
import StandApp
import StandCore
import StandDrivers
import StandHardware
import StandStore
#if canImport(Glibc)
import Glibc
#endif

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

guard let invocation = Invocation(Array(CommandLine.arguments.dropFirst())) else { fail(Invocation.usage, status: 2) }
let dieAt = invocation.dieAt

/// SIGKILL to itself: delivered before the call returns, so nothing after it runs.
@Sendable func die(at point: CrashPoint) {
    if dieAt == point { kill(getpid(), SIGKILL) }
}

let store: StandStore
do {
    store = try StandStore.open(dataDirectory: invocation.dataDirectory, standID: "demo-stand-01")
} catch {
    fail("the store cannot be opened: \(error)", status: 3)
}

func commit(_ sale: Sale) {
    do {
        try store.commit(sale)
    } catch {
        fail("sale \(sale.id) not stored: \(error)", status: 1)
    }
    die(at: .saleCommitted)
}

let path = invocation.terminalPath
let terminal = ZVTPaymentTerminal(line: SerialTerminalLine(settings: SerialLineSettings(path: path, baudRate: 115_200)),
                                  connection: .serial(path: path, baudRate: 115_200),
                                  settings: ZVTTerminalSettings(password: 123_456, acknowledgementTimeout: .milliseconds(700),
                                                                masterTimeout: .seconds(2)))
do {
    try await terminal.start()
    say("registered \(await terminal.terminalID ?? "?")")
} catch {
    // standd keeps going without the terminal (its supervisor retries); so does the desk here,
    // which then finds the terminal unable to answer.
    say("terminal-offline \(error.summary)")
}

let desk = CardPaymentDesk(store: store, terminal: terminal, checkpoint: { step in die(at: .desk(step)) })

for recovery in await desk.resolveOpenAttempts() {
    switch recovery {
    case .complete(let attempt, let payment):
        do {
            commit(try attempt.draft.sale(paidWith: payment, completedAt: Date()))
        } catch {
            fail("the approved attempt \(attempt.reference) cannot become its sale: \(error)", status: 1)
        }
        say("recovered complete \(attempt.reference) \(payment.terminalReceiptNumber)")
    case .notCharged(let attempt):
        say("recovered not-charged \(attempt.reference)")
    case .reversed(let attempt, _):
        say("recovered reversed \(attempt.reference)")
    case .needsSupervisor(let attempt, let facts):
        say("supervisor \(attempt.reference) \(facts)")
    case .stillUnknown(let attempt, let reason):
        say("unknown \(attempt.reference) \(reason)")
    }
}

if case .pay(let cents) = invocation.action {
    let now = Date()
    let cart: PricedCart
    do {
        guard let found = try DemoCardCart.costing(cents, at: now) else {
            fail("no demo cart of one to three of a product costs \(cents) cents", status: 2)
        }
        cart = found
    } catch {
        fail("the demo stand cannot be built: \(error)", status: 2)
    }
    let draft = CardSaleDraft(saleID: SaleID(), standID: store.standID, operatorID: "crash-operator", location: nil,
                              cart: cart, attempt: 1, startedAt: now)
    say("charging \(draft.reference) \(cents)")
    switch await desk.charge(draft) {
    case .approved(let payment):
        do {
            commit(try draft.sale(paidWith: payment, completedAt: Date()))
        } catch {
            fail("the approved sale \(draft.saleID) is invalid: \(error)", status: 1)
        }
        say("paid \(draft.saleID) \(payment.terminalReceiptNumber)")
    case .declined(let code, _):
        say("declined \(String(format: "%02X", code))")
    case .cancelledByCustomer:
        say("cancelled")
    case .timedOut:
        say("timed-out")
    case .failed(let reason):
        say("failed \(reason)")
    }
}
exit(0)
