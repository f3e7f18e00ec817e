import StandCore

/// What the simulated terminal does with the next authorization (`06 01`), taken from a queue;
/// an empty queue approves.
public enum ZVTScriptedOutcome: Hashable, Sendable {
    /// The customer pays with a card of `brand` whose number ends in `lastDigits`.
    case approve(brand: CardBrand = .visa, lastDigits: String = "1234")
    /// The card or its bank says no: status information with result code `code` (05 declined,
    /// 64 card not readable, 78 card expired…), then an abort `06 1E` with the same code.
    case decline(code: UInt8)
    /// The customer presses stop: abort `06 1E 6C`.
    case customerAbort
    /// The terminal takes the command (ACK, `80 00 00`) and then says nothing more about it: no
    /// status, no result, no completion. An ECR abort `06 B0` gets `80 00 00` and nothing after it
    /// (silence after a cancel); the next command is served as usual. Nothing is charged.
    case timeout
    /// The card cannot be read: intermediate status 0C, then a decline with result code 64.
    case cardReadError
    /// The bank is slow: `count` intermediate statuses ("please wait"), one every `every`
    /// (each restarts the ECR's T4), then an approval.
    case slowIntermediate(count: Int, every: Duration)
    /// An approval with stray non-ZVT bytes before and between the terminal's frames (serial only).
    case garbledFrames
    /// An approval whose first frame from the terminal carries a wrong CRC: the ECR answers NAK
    /// and the terminal repeats the frame, correct this time (serial only).
    case badCRC
    /// The terminal answers the ECR's next `count` frames with NAK, whatever they hold (serial
    /// only). It takes effect when it reaches the head of the queue while the terminal waits for a
    /// command, and is used up by those frames; the authorization after it takes the next outcome.
    case nakStorm(count: Int)
    /// The payment is approved and booked, the status information (`04 0F`, approved) goes out,
    /// then the power fails: no receipt, no completion, no answer at all until `powerOn()` or
    /// `ZVTSimulatorSettings.powerOffDuration`. Afterwards a repeat receipt (`06 20`) shows the
    /// approval.
    case powerLossAfterApproval
}
