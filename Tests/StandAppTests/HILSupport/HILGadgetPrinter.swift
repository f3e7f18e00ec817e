#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks
import StandHardware
@testable import StandDrivers
import Synchronization

/// The printer behind the kernel's printer gadget (`/dev/g_printer0` in the HIL VM): a thread
/// reads what the host sends, answers DLE EOT 1…4 on bulk IN, and puts the rest on its paper.
/// The paper can run out after a number of bytes: the printer then sets its port status to
/// paper empty (GADGET_SET_PRINTER_STATUS, what GET_PORT_STATUS and LPGETSTATUS read), answers
/// DLE EOT with paper end, and drops the job bytes it cannot print until paper is loaded. It
/// can also stop taking data altogether (its buffer full), which stalls the host's writes.
///
/// Linux 6.1's gadget has one opener, keeps unread bytes across close/open (drained here), and
/// oopses now and then when its side writes after an unbind and re-bind: a printer opened after
/// a re-plug is made with `answersStatusRequests: false` (the host then asks the port status).
final class HILGadgetPrinter: Sendable {
    private struct Mechanism {
        var paper: [UInt8] = []
        var bytesLeftOnRoll: Int?
        var paperOut = false
        /// Where on `paper` the roll ended.
        var ranOutAt: Int?
        var dropped = 0
        var takesData = true
        /// Job bytes still taken before the cable is cut.
        var bytesBeforeCut: Int?
        var answers: Bool
        var statusRequests = 0
    }

    private final class Shared: Sendable {
        let mechanism: Mutex<Mechanism>
        init(answers: Bool) { mechanism = Mutex(Mechanism(answers: answers)) }
    }

    /// `GADGET_SET_PRINTER_STATUS`, `_IOWR('g', 0x22, unsigned char)`: the byte is the argument.
    private static let setPrinterStatus: UInt = 0xC001_6722
    static let ready: UInt8 = 0x18
    static let paperEmpty: UInt8 = 0x38

    private let fd: Int32
    private let path: String
    private let shared: Shared
    private let reader: InputReaderThread
    private let closed = Mutex(false)
    private let leftover = Mutex<UUID?>(nil)

    init(path: String, answersStatusRequests: Bool = true) throws(SystemCallError) {
        let fd = try Syscalls.open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        self.fd = fd
        self.path = path
        let shared = Shared(answers: answersStatusRequests)
        self.shared = shared
        var scratch = [UInt8](repeating: 0, count: 4096)
        while (scratch.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }) > 0 {}
        reader = InputReaderThread(name: "HIL gadget printer") { shouldStop in
            var buffer = [UInt8](repeating: 0, count: 8192)
            var pending: [UInt8] = []
            while !shouldStop() {
                guard shared.mechanism.withLock({ $0.takesData }) else {
                    usleep(5_000)
                    continue
                }
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard Glibc.poll(&descriptor, 1, 20) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else {
                    usleep(5_000)
                    continue
                }
                pending += buffer[..<count]
                let (replies, ranOut) = shared.mechanism.withLock { m in Self.take(&pending, into: &m) }
                if ranOut { _ = Glibc.ioctl(fd, Self.setPrinterStatus, Int32(Self.paperEmpty)) }
                for reply in replies { _ = withUnsafeBytes(of: reply) { Glibc.write(fd, $0.baseAddress, 1) } }
            }
        }
        try setPortStatus(Self.ready)
        let key = HILLeftovers.add { [self] in await self.stop() }
        leftover.withLock { $0 = key }
    }

    /// Every job byte that reached the paper, in order.
    var paper: [UInt8] { shared.mechanism.withLock { $0.paper } }
    /// Where on `paper` the roll ran out; nil while it has not.
    var ranOutAt: Int? { shared.mechanism.withLock { $0.ranOutAt } }
    /// Job bytes that came while the paper was out.
    var dropped: Int { shared.mechanism.withLock { $0.dropped } }
    /// DLE EOT requests seen.
    var statusRequests: Int { shared.mechanism.withLock { $0.statusRequests } }

    /// The roll ends once `bytes` more job bytes are printed.
    func runOutOfPaper(afterBytes bytes: Int) {
        shared.mechanism.withLock { $0.bytesLeftOnRoll = bytes }
    }

    /// The roll is empty now: nothing more is printed until `loadPaper()`.
    func emptyRoll() throws {
        shared.mechanism.withLock { m in
            m.paperOut = true
            m.ranOutAt = m.paper.count
            m.bytesLeftOnRoll = nil
        }
        try setPortStatus(Self.paperEmpty)
    }

    func loadPaper() throws {
        shared.mechanism.withLock { m in
            m.paperOut = false
            m.bytesLeftOnRoll = nil
        }
        try setPortStatus(Self.ready)
    }

    /// The printer takes `bytes` more job bytes, then nothing at all, as if its cable were cut
    /// there: what the host sends next never reaches the paper.
    func cutOff(afterBytes bytes: Int) {
        shared.mechanism.withLock { $0.bytesBeforeCut = bytes }
    }

    /// False: the printer reads nothing more (the host's writes stall once the gadget's queue is full).
    func takesData(_ takes: Bool) {
        shared.mechanism.withLock { $0.takesData = takes }
    }

    func setPortStatus(_ byte: UInt8) throws(SystemCallError) {
        try Syscalls.ioctl(fd, path: path, "GADGET_SET_PRINTER_STATUS", Self.setPrinterStatus, value: Int32(byte))
    }

    /// Closes the gadget side (the host then sees the printer offline). Call it before an unplug:
    /// closing after the unbind trips a 6.1 kernel bug.
    func stop() async {
        await reader.stop()
        guard !closed.withLock({ closed in defer { closed = true }; return closed }) else { return }
        Syscalls.close(fd)
        if let key = leftover.withLock({ $0 }) { HILLeftovers.done(key) }
    }

    /// Splits what came into DLE EOT requests (answered) and job bytes (printed or dropped);
    /// keeps an incomplete request in `pending`. Returns the answers and whether the roll just ended.
    private static func take(_ pending: inout [UInt8], into m: inout Mechanism) -> ([UInt8], Bool) {
        var replies: [UInt8] = []
        var ranOut = false
        func print(_ bytes: ArraySlice<UInt8>) {
            var bytes = bytes
            if let left = m.bytesBeforeCut {
                bytes = bytes.prefix(left)
                m.bytesBeforeCut = left - bytes.count
            }
            if m.paperOut {
                m.dropped += bytes.count
                return
            }
            if let left = m.bytesLeftOnRoll, left <= bytes.count {
                m.paper += bytes.prefix(left)
                m.dropped += bytes.count - left
                bytes = []
                m.bytesLeftOnRoll = nil
                m.paperOut = true
                m.ranOutAt = m.paper.count
                ranOut = true
                return
            }
            m.bytesLeftOnRoll = m.bytesLeftOnRoll.map { $0 - bytes.count }
            m.paper += bytes
        }
        defer {
            if m.bytesBeforeCut == 0 {
                m.takesData = false
                pending = []
            }
        }
        while let start = pending.firstIndex(of: 0x10), m.bytesBeforeCut != 0 {
            print(pending[..<start])
            guard pending.count >= start + 3 else {
                pending.removeFirst(start)
                return (replies, ranOut)
            }
            if pending[start + 1] == 0x04, let request = StatusRequest(rawValue: pending[start + 2]) {
                m.statusRequests += 1
                if m.answers { replies.append(reply(request, paperOut: m.paperOut)) }
                pending.removeFirst(start + 3)
            } else {
                print(pending[start...start])
                pending.removeFirst(start + 1)
            }
        }
        if m.bytesBeforeCut != 0 { print(pending[...]) }
        pending = []
        return (replies, ranOut)
    }

    private static func reply(_ request: StatusRequest, paperOut: Bool) -> UInt8 {
        switch request {
        case .printer: StatusReply.printer(drawerPin3High: false, offline: paperOut, waitingForRecovery: false, feedButtonPressed: false).byte
        case .offlineCause: StatusReply.offlineCause(coverOpen: false, feedingByButton: false, paperEndStop: paperOut, errorOccurred: false).byte
        case .errorCause: StatusReply.errorCause(mechanical: false, autocutter: false, unrecoverable: false, autoRecoverable: false).byte
        case .paperSensor: StatusReply.paperSensor(nearEnd: false, end: paperOut).byte
        }
    }

    /// What a thermal printer makes of `bytes`: its receipts (and the uncut one the bytes end in).
    static func decode(_ bytes: some Collection<UInt8>, paperWidth: PaperWidth = .mm58) async throws -> VirtualReceiptPrinter {
        let printer = VirtualReceiptPrinter(paperWidth: paperWidth)
        try await printer.start()
        if !bytes.isEmpty { try await printer.print(Array(bytes)) }
        return printer
    }
}
