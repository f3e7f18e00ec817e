import StandHardware

/// What the printer behind the USB printer gadget does with the bytes the host sends: DLE EOT
/// 1…4 requests are answered from its state (when it answers them at all), the rest are job
/// bytes that go on the paper until the roll ends and are dropped while it is out. A cut cable
/// takes a number of job bytes more and then nothing at all. No I/O: ``GadgetPrinter`` feeds it
/// what it reads and sends back what it answers.
struct GadgetPrinterMechanism: Sendable {
    /// Every job byte that reached the paper, in order.
    private(set) var paper: [UInt8] = []
    /// Where on `paper` the roll ended; nil while it has not.
    private(set) var ranOutAt: Int?
    /// Job bytes that came while the paper was out.
    private(set) var dropped = 0
    private(set) var statusRequests = 0
    /// Everything read from the host, requests included.
    private(set) var bytesReceived = 0
    private(set) var paperOut = false
    /// False: the printer reads nothing more (the host's writes stall once the gadget's queue is full).
    var takesData = true
    var answersStatusRequests: Bool
    /// The roll ends once this many more job bytes are printed.
    private var bytesLeftOnRoll: Int?
    /// Job bytes still taken before the cable is cut.
    private var bytesBeforeCut: Int?
    /// The start of a request that has not fully arrived.
    private var pending: [UInt8] = []

    init(answersStatusRequests: Bool) {
        self.answersStatusRequests = answersStatusRequests
    }

    mutating func runOutOfPaper(afterBytes bytes: Int) {
        bytesLeftOnRoll = bytes
    }

    mutating func emptyRoll() {
        paperOut = true
        ranOutAt = paper.count
        bytesLeftOnRoll = nil
    }

    mutating func loadPaper() {
        paperOut = false
        bytesLeftOnRoll = nil
    }

    mutating func cutOff(afterBytes bytes: Int) {
        bytesBeforeCut = bytes
    }

    /// Takes what the host sent; returns the status bytes to send back on bulk IN, in order, and
    /// whether the roll ran out on these bytes.
    mutating func take(_ bytes: some Collection<UInt8>) -> (replies: [UInt8], ranOut: Bool) {
        bytesReceived += bytes.count
        let input = pending + bytes
        pending = []
        var replies: [UInt8] = []
        var ranOut = false
        var jobStart = 0
        var index = 0
        while bytesBeforeCut != 0, let start = input[index...].firstIndex(of: 0x10) {
            index = start
            if index + 1 < input.count, input[index + 1] != 0x04 {
                index += 1
                continue
            }
            guard index + 3 <= input.count else {
                pending = Array(input[index...])
                break
            }
            guard let request = StatusRequest(rawValue: input[index + 2]) else {
                index += 1
                continue
            }
            ranOut = putOnPaper(input[jobStart..<index]) || ranOut
            guard bytesBeforeCut != 0 else { break }
            statusRequests += 1
            if answersStatusRequests { replies.append(reply(request)) }
            index += 3
            jobStart = index
        }
        if bytesBeforeCut != 0 { ranOut = putOnPaper(input[jobStart..<(input.count - pending.count)]) || ranOut }
        if bytesBeforeCut == 0 {
            takesData = false
            pending = []
        }
        return (replies, ranOut)
    }

    /// Puts job bytes on the paper, or drops them; true when the roll has just ended.
    private mutating func putOnPaper(_ job: ArraySlice<UInt8>) -> Bool {
        var job = job
        if let left = bytesBeforeCut {
            job = job.prefix(left)
            bytesBeforeCut = left - job.count
        }
        guard !job.isEmpty else { return false }
        if paperOut {
            dropped += job.count
            return false
        }
        if let left = bytesLeftOnRoll, left <= job.count {
            paper += job.prefix(left)
            dropped += job.count - left
            emptyRoll()
            return true
        }
        bytesLeftOnRoll = bytesLeftOnRoll.map { $0 - job.count }
        paper += job
        return false
    }

    private func reply(_ request: StatusRequest) -> UInt8 {
        switch request {
        case .printer: StatusReply.printer(drawerPin3High: false, offline: paperOut, waitingForRecovery: false, feedButtonPressed: false).byte
        case .offlineCause: StatusReply.offlineCause(coverOpen: false, feedingByButton: false, paperEndStop: paperOut, errorOccurred: false).byte
        case .errorCause: StatusReply.errorCause(mechanical: false, autocutter: false, unrecoverable: false, autoRecoverable: false).byte
        case .paperSensor: StatusReply.paperSensor(nearEnd: false, end: paperOut).byte
        }
    }
}
