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
/// GPIO drawer on the simulated chip's drawer-solenoid line, display on a file). A cash sale
/// keyed on the keypad prints its receipt and pulses the drawer; during the next sale the paper
/// runs out and the printer is unplugged; both receipts are out whole in the end.
@Suite(.serialized, .enabled(if: HILRig.hasStand, Comment(rawValue: HILRig.runInside)))
struct HILStanddTests {
    /// PIN 1234, Enter, F1 (classic hot dog 3.50), 5, F9 (cash): change 1.50.
    static let firstSale: [UInt16] = [79, 80, 81, 75, 96, 59, 76, 67]
    /// Clear the change screen, F1, 5, F9.
    static let nextSale: [UInt16] = [69, 59, 76, 67]
    static let pulse = Duration.milliseconds(300)

    static func configuration(directory: String, keypad: String, drawerChip: String, drawerLine: Int,
                              printer: String) throws -> String {
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
            """)
    }

    @Test func aCashSaleKeyedOnTheKeypadPrintsAndPulsesTheDrawerThenPaperOutAndAnUnplugLoseNoReceipt() async throws {
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

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hil-standd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/standd.toml"
        try Self.configuration(directory: directory, keypad: try #require(eventPath), drawerChip: try environment.value(.gpioChip),
                               drawerLine: solenoid, printer: try devices.printerUSBID()).write(toFile: configPath, atomically: true, encoding: .utf8)
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
        // standd holds the printer (usblp detached) and the keypad (grabbed) once they are up.
        #expect(await eventually(20) { access(HILRig.usblp, F_OK) != 0 }, "standd took the printer: \(log())")
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

        // The next sale: its receipt runs out of paper after 200 bytes, then the printer is unplugged.
        let firstBytes = gadget.paper.count
        gadget.runOutOfPaper(afterBytes: 200)
        try await keypad.tap(Self.nextSale)
        #expect(await eventually(20) { gadget.ranOutAt == firstBytes + 200 }, "log: \(log())")
        #expect(await eventually(10) { drawer.highPulses.count == 2 }, "the second sale opened the drawer too")
        try await Task.sleep(for: .milliseconds(300))
        try await HILRig.unplug(gadget)
        #expect(await eventually(10) { log().contains("device lost") || log().contains("did not start") }, "log: \(log())")
        let replugged = try await HILRig.replug()
        #expect(await eventually(30) { (try? await GadgetPrinter.decode(replugged.paper).receipts.count) == 1 }, "log: \(log())")
        try await Task.sleep(for: .milliseconds(500))
        let after = try await GadgetPrinter.decode(replugged.paper)
        #expect(after.receipts.count == 1 && after.pendingReceipt == nil, "the second receipt comes out whole once")
        let second = try #require(after.receipts.first)
        #expect(second.text.contains("COPY") && second.text.contains("Classic hot dog"), "\(second.text)")
        #expect(second.qrPayloads.count == 1 && second.qrPayloads != first.qrPayloads, "it is the second sale's receipt")

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log())")
        #expect(log().contains("standd stopped: devices closed"))
        _ = try await drawer.stop()
        await replugged.stop()

        let store = try StandStore.open(dataDirectory: directory, standID: "hil-01")
        let sales = try store.sales(from: .distantPast, to: .distantFuture)
        #expect(sales.count == 2)
        #expect(Set(sales.map(\.id.rawValue)) == Set(first.qrPayloads + second.qrPayloads))
        for sale in sales { #expect(try store.printJobs(ofSale: sale.id).map(\.state) == [.done]) }
    }
}
