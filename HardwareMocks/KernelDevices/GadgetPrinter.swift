#if canImport(Glibc)
import Glibc
#endif
import StandHardware
import Synchronization

/// The printer behind the kernel's USB printer gadget (`/dev/g_printer0` in the
/// hardware-in-the-loop VM): a thread reads what the host sends, answers DLE EOT on bulk IN and
/// puts the job bytes on its paper (``GadgetPrinterMechanism``). When the paper runs out it also
/// sets the port status to paper empty (`GADGET_SET_PRINTER_STATUS`, what GET_PORT_STATUS and
/// usblp's LPGETSTATUS read).
///
/// Linux 6.1's gadget takes one opener (opening it makes the host see the printer selected,
/// closing it offline), keeps unread bytes across close and open (drained here), and corrupts
/// its lists when its side is closed after an unplug and re-plug: `stop()` before unplugging.
public final class GadgetPrinter: Sendable {
    /// `GADGET_SET_PRINTER_STATUS`, `_IOWR('g', 0x22, unsigned char)`: the byte is the argument.
    private static let setPrinterStatus: UInt = 0xC001_6722
    /// Port status: not error (0x08) and selected (0x10).
    public static let ready: UInt8 = 0x18
    /// Port status: ready and paper empty (0x20).
    public static let paperEmpty: UInt8 = 0x38

    private final class Shared: Sendable {
        let mechanism: Mutex<GadgetPrinterMechanism>
        init(_ mechanism: GadgetPrinterMechanism) { self.mechanism = Mutex(mechanism) }
    }

    private let file: KernelDeviceFile
    private let shared: Shared
    private let reader: DeviceSideThread

    /// Opens the gadget side, drains what an earlier session left unread and sets the port ready.
    public init(path: String, answersStatusRequests: Bool = true) throws(KernelDeviceError) {
        let file = try KernelDeviceFile(path: path, flags: O_RDWR | O_NONBLOCK)
        while try !file.read(upTo: 65_536).isEmpty {}
        try file.control("GADGET_SET_PRINTER_STATUS", Self.setPrinterStatus, value: Int32(Self.ready))
        let shared = Shared(GadgetPrinterMechanism(answersStatusRequests: answersStatusRequests))
        self.file = file
        self.shared = shared
        reader = DeviceSideThread(name: "gadget printer \(path)") { shouldStop in
            while !shouldStop() {
                guard shared.mechanism.withLock({ $0.takesData }) else {
                    usleep(5_000)
                    continue
                }
                guard file.poll(Int16(POLLIN), milliseconds: 20), let bytes = try? file.read(upTo: 65_536), !bytes.isEmpty else { continue }
                let (replies, ranOut) = shared.mechanism.withLock { $0.take(bytes) }
                if ranOut { try? file.control("GADGET_SET_PRINTER_STATUS", Self.setPrinterStatus, value: Int32(Self.paperEmpty)) }
                if !replies.isEmpty { try? file.write(replies) }
            }
        }
    }

    deinit {
        reader.requestStop()
    }

    /// Every job byte that reached the paper, in order.
    public var paper: [UInt8] { shared.mechanism.withLock { $0.paper } }
    /// Where on `paper` the roll ran out; nil while it has not.
    public var ranOutAt: Int? { shared.mechanism.withLock { $0.ranOutAt } }
    /// Job bytes that came while the paper was out.
    public var dropped: Int { shared.mechanism.withLock { $0.dropped } }
    /// DLE EOT requests seen.
    public var statusRequests: Int { shared.mechanism.withLock { $0.statusRequests } }
    /// Every byte read from the host, requests included.
    public var bytesReceived: Int { shared.mechanism.withLock { $0.bytesReceived } }

    /// Whether DLE EOT is answered; a printer that does not leaves the host to ask the port status.
    public var answersStatusRequests: Bool {
        get { shared.mechanism.withLock { $0.answersStatusRequests } }
        set { shared.mechanism.withLock { $0.answersStatusRequests = newValue } }
    }

    /// False: the printer reads nothing more (its buffer full), and the host's writes stall once
    /// the gadget's queue is full.
    public var takesData: Bool {
        get { shared.mechanism.withLock { $0.takesData } }
        set { shared.mechanism.withLock { $0.takesData = newValue } }
    }

    /// The roll ends once `bytes` more job bytes are printed.
    public func runOutOfPaper(afterBytes bytes: Int) {
        shared.mechanism.withLock { $0.runOutOfPaper(afterBytes: bytes) }
    }

    /// The roll is empty now: nothing more is printed until `loadPaper()`.
    public func emptyRoll() throws(KernelDeviceError) {
        shared.mechanism.withLock { $0.emptyRoll() }
        try setPortStatus(Self.paperEmpty)
    }

    public func loadPaper() throws(KernelDeviceError) {
        shared.mechanism.withLock { $0.loadPaper() }
        try setPortStatus(Self.ready)
    }

    /// The printer takes `bytes` more job bytes, then nothing at all, as if its cable were cut
    /// there: what the host sends next never reaches the paper.
    public func cutOff(afterBytes bytes: Int) {
        shared.mechanism.withLock { $0.cutOff(afterBytes: bytes) }
    }

    /// What GET_PORT_STATUS and LPGETSTATUS answer: ``ready`` or ``paperEmpty``.
    public func setPortStatus(_ byte: UInt8) throws(KernelDeviceError) {
        try file.control("GADGET_SET_PRINTER_STATUS", Self.setPrinterStatus, value: Int32(byte))
    }

    /// Ends the reader and closes the gadget side (the host then sees the printer offline).
    /// Safe to call again.
    public func stop() async {
        await reader.stop()
        file.close()
    }

    /// What a thermal printer makes of `bytes`: its receipts, and the uncut one they end in.
    public static func decode(_ bytes: some Collection<UInt8>, paperWidth: PaperWidth = .mm58) async throws -> VirtualReceiptPrinter {
        let printer = VirtualReceiptPrinter(paperWidth: paperWidth)
        try await printer.start()
        if !bytes.isEmpty { try await printer.print(Array(bytes)) }
        return printer
    }
}
