/// How the simulated card terminal behaves on the line. The defaults are a real terminal's; tests
/// shorten the timeouts and the customer's pace.
public struct ZVTSimulatorSettings: Hashable, Sendable {
    /// How the terminal hands its customer receipt to the ECR.
    public enum ReceiptDelivery: Hashable, Sendable {
        /// One `06 D3` text block.
        case textBlock
        /// One `06 D1` print line per line.
        case printLines
    }

    /// T3: how long the terminal waits for the ECR's ACK to a frame before repeating it (serial).
    public var acknowledgementTimeout: Duration
    /// T4: how long the terminal waits for the ECR's answer (`80 00 00`) to each of its APDUs
    /// before it leaves the transaction where it is. A command from the ECR in place of the answer
    /// ends the transaction at once and is served.
    public var answerTimeout: Duration
    /// How long each of the customer's steps takes (inserting the card, typing the PIN).
    public var customerStepDelay: Duration
    /// How long the terminal stays dark after `powerLossAfterApproval`, unless `powerOn()` comes first.
    public var powerOffDuration: Duration
    public var receiptDelivery: ReceiptDelivery
    /// Eight digits (BMP 29).
    public var terminalID: String
    /// ISO 4217 numeric: the currency the terminal works in; an authorization in another is
    /// declined with result code 6F.
    public var currency: UInt16

    public init(acknowledgementTimeout: Duration = .seconds(5), answerTimeout: Duration = .seconds(180),
                customerStepDelay: Duration = .milliseconds(300), powerOffDuration: Duration = .seconds(3),
                receiptDelivery: ReceiptDelivery = .textBlock, terminalID: String = "52500123", currency: UInt16 = 978) {
        self.acknowledgementTimeout = acknowledgementTimeout
        self.answerTimeout = answerTimeout
        self.customerStepDelay = customerStepDelay
        self.powerOffDuration = powerOffDuration
        self.receiptDelivery = receiptDelivery
        self.terminalID = terminalID
        self.currency = currency
    }

    /// ZVT's limit: a frame goes out at most three times (two repeats after NAK or a missing ACK).
    static let frameRepeats = 2
}
