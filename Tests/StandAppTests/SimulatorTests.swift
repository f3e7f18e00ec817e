import HardwareMocks
import StandApp
import StandHardware
import Testing

@Suite("Simulator keyboard and screen")
struct SimulatorTests {
    @Test func decodesKeysArrowsFunctionKeysAndALoneEscape() {
        let bytes: [UInt8] = Array("12.".utf8) + [0x0D, 0x7F] + [0x1B, 0x5B, 0x41] + [0x1B, 0x4F, 0x50] + Array("\u{1B}[17~".utf8)
            + Array("\u{1B}[[B".utf8) + [0x03, 0x1B]
        #expect(TerminalKeystroke.decode(bytes) == [
            .character("1"), .character("2"), .character("."), .enter, .backspace, .up, .function(1), .function(6),
            .function(2), .interrupt, .escape,
        ])
    }

    @Test func unknownEscapeSequencesAreDroppedNotTyped() {
        #expect(TerminalKeystroke.decode(Array("\u{1B}[200~x".utf8)) == [.character("x")])
        #expect(TerminalKeystroke.decode(Array("ä".utf8)) == [.character("ä")])
    }

    @Test func theKeyboardIsTheKeypad() {
        let map = { (keystroke: TerminalKeystroke) in SimulatorKeymap.command(for: keystroke) }
        #expect(map(.character("7")) == .key(.digit(7)))
        #expect(map(.character("*")) == .key(.quantity))
        #expect(map(.function(3)) == .key(.product(3)))
        #expect(map(.character("C")) == .key(.product(3)))
        #expect(map(.character("c")) == .key(.cash))
        #expect(map(.character("k")) == .key(.card))
        #expect(map(.escape) == .key(.clear))
        #expect(map(.enter) == .key(.enter))
        #expect(map(.character("m")) == .key(.menu))
        #expect(map(.character("p")) == .fault(.togglePaper))
        #expect(map(.character("u")) == .fault(.togglePrinterCable))
        #expect(map(.character("n")) == .fault(.nextCard(.decline(code: 0x05))))
        #expect(map(.character("l")) == .fault(.nextCard(.powerLossAfterApproval)))
        #expect(map(.character("j")) == .fault(.toggleDrawerJam))
        #expect(map(.character("/")) == .startScan)
        #expect(map(.character("q")) == .quit)
        #expect(map(.interrupt) == .quit)
        #expect(map(.function(9)) == nil)
        #expect(map(.character("#")) == nil)
    }

    @Test func theHelpNamesEveryCommandKey() {
        let help = SimulatorKeymap.help.joined(separator: " ")
        for key in ["c cash", "k card", "v void", "m menu", "p paper", "u unplug", "n declined", "j drawer jam", "/ scan", "q or Ctrl-C"] {
            #expect(help.contains(key), "help mentions \(key)")
        }
    }

    @Test func theScreenShowsDisplayPaperDevicesAndHelpWithinTheWindow() {
        let frame = DisplayFrame(["TOTAL 4.40", "CASH"], geometry: .lcd20x4)
        let snapshot = SimulatorSnapshot(title: "StandKit simulator - Demo", display: frame, printerTitle: "Paper - printer: ok",
                                         receiptLines: (1...60).map { "receipt line \($0)" },
                                         deviceLines: ["keypad: ok", "card terminal: not connected"], drawerLine: "Drawer: closed, 0 pulses",
                                         cardLines: ["Card terminal says: -"], logLines: ["one", "two", "three", "four"],
                                         hint: "Locked - log in", scanPrompt: "4006381333931")
        let rows = SimulatorScreen.lines(snapshot, width: 100, height: 40)
        #expect(rows.count <= 40)
        #expect(rows.allSatisfy { $0.count <= 100 })
        let text = rows.joined(separator: "\n")
        #expect(text.contains("│TOTAL 4.40"))
        #expect(text.contains("receipt line 60"), "the newest paper is shown")
        #expect(!text.contains("receipt line 1 "), "the oldest paper scrolled away")
        #expect(text.contains("card terminal: not connected"))
        #expect(text.contains("Drawer: closed, 0 pulses"))
        #expect(!text.contains("  one"), "only the newest three log lines")
        #expect(text.contains("Scan code: 4006381333931_"))
        #expect(SimulatorScreen.ansi(["a", "b"]) == "\u{1B}[Ha\u{1B}[K\r\nb\u{1B}[K\u{1B}[J")
    }
}
