#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks
import StandCore
import StandDrivers
import StandHardware
import StandStore
import Testing

/// The whole stand in the hardware-in-the-loop VM: the built `standd --config` on its real
/// drivers (evdev keypad on a uinput keypad, USB printer through libusb on the printer gadget,
/// GPIO drawer on the simulated chip's drawer-solenoid line, ZVT card terminal over the serial
/// line on HardwareMocks' terminal simulator's pseudo-terminal, display on a file). A cash sale
/// keyed on the keypad prints its receipt and pulses the drawer; a card sale is charged once on
/// the terminal and prints its receipt with the card; during the next sale the paper runs out
/// and the printer is unplugged; every receipt is out whole in the end.
@Suite(.serialized, .enabled(if: HILRig.hasStand, Comment(rawValue: HILRig.runInside)))
struct HILStanddTests {
    /// PIN 1234, Enter, F1 (classic hot dog 3.50), 5, F9 (cash): change 1.50.
    static let firstSale: [UInt16] = [79, 80, 81, 75, 96, 59, 76, 67]
    /// Num Lock clears the change screen, F1, F10 (card): 3.50 charged on the terminal.
    static let cardSale: [UInt16] = [69, 59, 68]
    /// Num Lock, F1, 5, F9.
    static let nextSale: [UInt16] = [69, 59, 76, 67]
    static let pulse = Duration.milliseconds(300)

    static func configuration(directory: String, keypad: String, drawerChip: String, drawerLine: Int,
                              printer: String, cardTerminal: String) throws -> String {
        try RealDriverStandTests.standConfiguration(directory: directory, id: "hil-01", devices: """
            [devices.printer]
            driver = "usb"
            usb_id = "\(printer)"
            paper_width = 58
            [devices.drawer]
            driver = "gpio"
            chip = "\(drawerChip)"
            line = \(drawerLine)
            pulse_ms = \(Int(pulse / .milliseconds(1)))
            [devices.keypad]
            driver = "evdev"
            path = "\(keypad)"
            [devices.card]
            driver = "serial"
            path = "\(cardTerminal)"
            baud = 9600
            password = "000000"
            """)
    }

    @Test func cashAndCardSalesKeyedOnTheKeypadPrintChargeAndPulseTheDrawerThenPaperOutAndAnUnplugLoseNoReceipt() async throws {
        let environment = HILRig.environment
        let devices = try environment.devices()
        let gadget = try await HILRig.pluggedPrinter()
        let keypad = try UInputKeypad(uinput: try environment.value(.uinput), described: devices,
                                      keys: Array(Keymap.usbNumericKeypad.keys.keys))
        defer { keypad.destroy() }
        let keypadName = keypad.name
        #expect(await eventually(10) { (try? InputDeviceLocator.path(forDeviceNamed: keypadName)) != nil },
                "the uinput keypad \(keypadName) did not appear under /dev/input")
        let eventPath = try? InputDeviceLocator.path(forDeviceNamed: keypadName)
        let solenoid = try devices.gpioLine(named: "drawer-solenoid")
        let drawer = try GPIOSimulator(directory: try environment.value(.gpioSimulator)).record(solenoid, every: .milliseconds(2))
        let terminal = try ZVTTerminalSimulator.pseudoTerminal(settings: ZVTSimulatorSettings(customerStepDelay: .milliseconds(100)))
        defer { terminal.stop() }
        let terminalLine = try #require(terminal.devicePath)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hil-standd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/standd.toml"
        try Self.configuration(directory: directory, keypad: try #require(eventPath), drawerChip: try environment.value(.gpioChip),
                               drawerLine: solenoid, printer: try devices.printerUSBID(), cardTerminal: terminalLine)
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        try RealDriverStandTests.addOperators(directory: directory, standID: "hil-01")

        let process = Process()
        process.executableURL = try StanddPseudoTerminal.binary()
        process.arguments = ["--config", configPath]
        let logPath = directory + "/standd.log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let ended = HILLeftovers.add { if process.isRunning { process.terminate() } }
        defer {
            if process.isRunning { process.terminate() }
            HILLeftovers.done(ended)
        }
        @Sendable func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
        @Sendable func display() -> String { (try? String(contentsOfFile: directory + "/display", encoding: .utf8)) ?? "" }

        #expect(await eventually(20) { display().contains("Type PIN, then ENTER") }, "display: \(display())\nlog: \(log())")
        // standd holds the printer (usblp detached), the keypad (grabbed) and the card terminal
        // (registered) once they are up.
        #expect(await eventually(20) { access(HILRig.usblp, F_OK) != 0 }, "standd took the printer: \(log())")
        #expect(await eventually(20) { terminal.ledger.receivedAPDUs.contains { $0.commandClass == 0x06 && $0.instruction == 0x00 } },
                "standd registered at the card terminal: \(log())")
        try await Task.sleep(for: .milliseconds(500))

        try await keypad.tap(Self.firstSale)
        #expect(await eventually(20) { display().contains("CHANGE") }, "display: \(display())")
        #expect(await eventually(20) { (try? await GadgetPrinter.decode(gadget.paper).receipts.count) == 1 }, "log: \(log())")
        let first = try #require(try await GadgetPrinter.decode(gadget.paper).receipts.first)
        #expect(first.text.contains("Classic hot dog") && first.text.contains("3.50") && first.text.contains("1.50"), "\(first.text)")
        #expect(!first.text.contains("COPY"))
        #expect(await eventually(5) { drawer.highPulses.count == 1 }, "the drawer line pulses: \(drawer.runs)")
        if let width = drawer.highPulses.first {
            #expect(width.upperBound >= Self.pulse - .milliseconds(50) && width.lowerBound < Self.pulse + .milliseconds(400),
                    "pulse between \(width.lowerBound) and \(width.upperBound)")
        }

        // The card sale: the terminal's slip and the sale's receipt come out, the drawer stays shut.
        try await keypad.tap(Self.cardSale)
        #expect(await eventually(30) { display().contains("PAID BY CARD") }, "display: \(display())\nlog: \(log())")
        #expect(await eventually(20) { (try? await GadgetPrinter.decode(gadget.paper).receipts.count) == 3 }, "log: \(log())")
        let afterCard = try await GadgetPrinter.decode(gadget.paper).receipts.dropFirst()
        let cardReceipt = try #require(afterCard.first { !$0.qrPayloads.isEmpty }, "the card sale's receipt")
        #expect(cardReceipt.text.contains("Classic hot dog") && cardReceipt.text.contains("VISA ************1234"), "\(cardReceipt.text)")
        #expect(afterCard.contains { $0.text.contains("CUSTOMER COPY") }, "the terminal's slip: \(afterCard.map(\.text))")
        #expect(terminal.ledger.netCharges == ZVTNetCharges(count: 1, amount: 350), "\(terminal.ledger.netCharges)")
        #expect(drawer.highPulses.count == 1, "a card sale opens no drawer")

        // The next sale: its receipt runs out of paper after 200 bytes, then the printer is unplugged.
        let printedBefore = gadget.paper.count
        gadget.runOutOfPaper(afterBytes: 200)
        try await keypad.tap(Self.nextSale)
        #expect(await eventually(20) { gadget.ranOutAt == printedBefore + 200 }, "log: \(log())")
        #expect(await eventually(10) { drawer.highPulses.count == 2 }, "the second cash sale opened the drawer")
        try await Task.sleep(for: .milliseconds(300))
        try await HILRig.unplug(gadget)
        #expect(await eventually(10) { log().contains("device lost") || log().contains("did not start") }, "log: \(log())")
        let replugged = try await HILRig.replug()
        #expect(await eventually(30) { (try? await GadgetPrinter.decode(replugged.paper).receipts.count) == 1 }, "log: \(log())")
        try await Task.sleep(for: .milliseconds(500))
        let after = try await GadgetPrinter.decode(replugged.paper)
        #expect(after.receipts.count == 1 && after.pendingReceipt == nil, "the last receipt comes out whole once")
        let last = try #require(after.receipts.first)
        #expect(last.text.contains("COPY") && last.text.contains("Classic hot dog"), "\(last.text)")
        #expect(last.qrPayloads.count == 1 && last.qrPayloads != first.qrPayloads && last.qrPayloads != cardReceipt.qrPayloads,
                "it is the last sale's receipt")

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log())")
        #expect(log().contains("standd stopped: devices closed"))
        _ = try await drawer.stop()
        await replugged.stop()
        let ledger = terminal.ledger
        #expect(ledger.transactions.count == 1 && ledger.netCharges == ZVTNetCharges(count: 1, amount: 350),
                "exactly one charge on the terminal: \(ledger.transactions)")

        let store = try StandStore.open(dataDirectory: directory, standID: "hil-01")
        let sales = try store.sales(from: .distantPast, to: .distantFuture)
        #expect(sales.count == 3)
        #expect(Set(sales.map(\.id.rawValue)) == Set(first.qrPayloads + cardReceipt.qrPayloads + last.qrPayloads))
        let cardSales = sales.filter { $0.tenders.contains { $0.kindName == "card" } }
        #expect(cardSales.map(\.id.rawValue) == cardReceipt.qrPayloads, "one card sale, the one on the card receipt")
        #expect(cardSales.first?.total == Money(cents: 350, .eur))
        #expect(try store.openCardAttempts().isEmpty)
        for sale in sales { #expect(try store.printJobs(ofSale: sale.id).map(\.state) == [.done]) }
    }
}
