import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StandHardware
import Testing
@testable import StandDrivers

@Suite struct ConsoleDisplayTests {
    /// A pseudo-terminal: the display writes to the terminal side, the test reads the master.
    final class PseudoTerminal {
        let master: Int32
        let terminal: Int32
        let terminalPath: String

        init() throws {
            var master: Int32 = -1
            var terminal: Int32 = -1
            try #require(openpty(&master, &terminal, nil, nil, nil) == 0, "openpty: errno \(errno)")
            self.master = master
            self.terminal = terminal
            terminalPath = String(cString: try #require(ttyname(terminal)))
        }

        /// Reads until `count` bytes have arrived or a second passes.
        func read(_ count: Int) -> [UInt8] {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while received.count < count {
                var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 1000) > 0 else { break }
                let got = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
                guard got > 0 else { break }
                received += buffer.prefix(got)
            }
            return received
        }

        deinit {
            Glibc.close(terminal)
            Glibc.close(master)
        }
    }

    static func ansi(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func framesArriveAsANSIAndOnlyChangedLinesAreRewritten() async throws {
        let pty = try PseudoTerminal()
        let geometry = DisplayGeometry(columns: 12, rows: 3)
        let display = ConsoleDisplay(settings: .init(path: pty.terminalPath, geometry: geometry))
        try await display.start()
        let reset = Self.ansi("\u{1B}[?25l\u{1B}[H\u{1B}[2J")
        #expect(pty.read(reset.count) == reset)

        try await display.show(DisplayFrame(["Kaffee 2,50", "", "Summe  2,50"], geometry: geometry))
        let first = Self.ansi("\u{1B}[1;1H\u{1B}[2KKaffee 2,50 \u{1B}[2;1H\u{1B}[2K            \u{1B}[3;1H\u{1B}[2KSumme  2,50 ")
        #expect(pty.read(first.count) == first)

        try await display.show(DisplayFrame(["Kaffee 2,50", "Kuchen 3,00", "Summe  5,50 €€€"], geometry: geometry))
        let second = Self.ansi("\u{1B}[2;1H\u{1B}[2KKuchen 3,00 \u{1B}[3;1H\u{1B}[2KSumme  5,50 ")
        #expect(pty.read(second.count) == second)

        await display.close()
        let restore = Self.ansi("\u{1B}[?25h")
        #expect(pty.read(restore.count) == restore)
        #expect(await display.state == .closed)
    }

    @Test func anUnchangedFrameWritesNothing() {
        let frame = DisplayFrame(["a", "b"], geometry: DisplayGeometry(columns: 4, rows: 2))
        #expect(ConsoleDisplay.update(from: frame, to: frame).isEmpty)
        #expect(ConsoleDisplay.update(from: nil, to: frame) == Self.ansi("\u{1B}[1;1H\u{1B}[2Ka   \u{1B}[2;1H\u{1B}[2Kb   "))
    }

    @Test func showingBeforeEnableIsAWrongStateAndAMissingConsoleIsNotFound() async {
        let display = ConsoleDisplay(settings: .init(path: "/nonexistent/tty9"))
        await #expect(throws: DeviceError.self) { try await display.show(DisplayFrame([], geometry: .lcd20x4)) }
        do {
            try await display.open()
            Issue.record("opening a missing console succeeded")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.detail == "open on /nonexistent/tty9 failed: No such file or directory (errno 2)")
        }
    }
}
