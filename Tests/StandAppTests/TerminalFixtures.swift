import Foundation
import StandApp
import StandCore
import StandHardware

/// Drives an `OperatorTerminal` on the demo stand with a clock the test moves.
struct TerminalHarness {
    /// Sunday 2025-06-15 15:06:40 UTC: no happy hour.
    static let start = Date(timeIntervalSince1970: 1_750_000_000)
    static let operators: OperatorDirectory = {
        var directory = try! OperatorDirectory()
        try! directory.set("anna", name: "Anna", role: .operator, pin: "1234", rounds: HashedPIN.minimumRounds)
        try! directory.set("sam", name: "Sam", role: .supervisor, pin: "9999", rounds: HashedPIN.minimumRounds)
        return directory
    }()
    static let settings = TerminalSettings(standID: "demo-stand-01", standName: "Demo Hot Dogs", autoLockAfter: 300,
                                           locations: ["Alexanderplatz", "Hackescher Markt"])

    var terminal: OperatorTerminal
    var now = TerminalHarness.start

    init(settings: TerminalSettings = TerminalHarness.settings, lastSale: Sale? = nil) throws {
        terminal = OperatorTerminal(settings: settings, pricer: try DemoStand().pricer, operators: Self.operators,
                                    now: Self.start, lastSale: lastSale)
    }

    /// A harness already logged in as Anna.
    static func loggedIn() throws -> TerminalHarness {
        var harness = try TerminalHarness()
        harness.type("1234")
        harness.press(.enter)
        return harness
    }

    @discardableResult
    mutating func feed(_ input: TerminalInput) -> [TerminalAction] {
        terminal.handle(input, at: now)
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [TerminalAction] {
        keys.flatMap { terminal.handle(.key($0), at: now) }
    }

    /// Presses the digit keys (and the decimal point) of `text`.
    @discardableResult
    mutating func type(_ text: String) -> [TerminalAction] {
        text.flatMap { character -> [TerminalAction] in
            let key: Key = character == "." ? .decimalPoint : .digit(Int(String(character))!)
            return terminal.handle(.key(key), at: now)
        }
    }

    mutating func advance(_ seconds: TimeInterval) {
        now = now.addingTimeInterval(seconds)
    }

    /// The 20×4 LCD frame, one string per row (trailing blanks kept).
    var lcd: [String] { terminal.frame(geometry: .lcd20x4).lines }

    /// The sale of the single `commitSale` action.
    static func committedSale(_ actions: [TerminalAction]) -> Sale? {
        for case .commitSale(let sale) in actions { return sale }
        return nil
    }

    static func cardRequest(_ actions: [TerminalAction]) -> PaymentRequest? {
        for case .authorizeCard(let draft) in actions { return draft.paymentRequest }
        return nil
    }

    /// Pads each row to 20 columns, so expected frames can be written without trailing blanks.
    static func rows(_ lines: String...) -> [String] {
        lines.map { $0 + String(repeating: " ", count: max(0, 20 - $0.count)) }
    }

    /// The actions without the log lines.
    static func effects(_ actions: [TerminalAction]) -> [TerminalAction] {
        actions.filter { if case .log = $0 { false } else { true } }
    }

    static func card(_ amount: Money) -> CardPayment {
        CardPayment(amount: amount, maskedPAN: try! MaskedPAN("************4242"), brand: .visa,
                    terminalReceiptNumber: "0042", traceNumber: "123456")
    }
}
