import StandApp

/// Where the child kills itself with SIGKILL: at one of the desk's steps, or right after the
/// approved sale's commit returned, before anyone was told.
enum CrashPoint: Equatable, Sendable {
    case desk(CardPaymentDesk.Step)
    case saleCommitted

    init?(_ name: String) {
        if name == "saleCommitted" {
            self = .saleCommitted
        } else if let step = CardPaymentDesk.Step(rawValue: name) {
            self = .desk(step)
        } else {
            return nil
        }
    }
}

/// The child's command line: `<data-dir> <pty> pay <cents> | recover [--die-at <step>]`.
struct Invocation {
    enum Action {
        case pay(cents: Int64)
        case recover
    }

    let dataDirectory: String
    let terminalPath: String
    let action: Action
    let dieAt: CrashPoint?

    static let usage = """
        usage: card-crash-child <data-dir> <pty> pay <cents> [--die-at <step>]
               card-crash-child <data-dir> <pty> recover [--die-at <step>]
        <step>: \((CardPaymentDesk.Step.allCases.map(\.rawValue) + ["saleCommitted"]).joined(separator: ", "))
        """

    /// Nil when the arguments do not fit `usage`.
    init?(_ arguments: [String]) {
        var rest = arguments[...]
        guard rest.count >= 3 else { return nil }
        dataDirectory = rest.removeFirst()
        terminalPath = rest.removeFirst()
        switch rest.removeFirst() {
        case "pay":
            guard let cents = rest.popFirst().flatMap({ Int64($0) }), cents > 0 else { return nil }
            action = .pay(cents: cents)
        case "recover":
            action = .recover
        default:
            return nil
        }
        if rest.first == "--die-at" {
            rest.removeFirst()
            guard let point = rest.popFirst().flatMap(CrashPoint.init) else { return nil }
            dieAt = point
        } else {
            dieAt = nil
        }
        guard rest.isEmpty else { return nil }
    }
}
