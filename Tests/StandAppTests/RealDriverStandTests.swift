#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HardwareMocks
import Logging
import StandCore
import StandDrivers
import StandHardware
import StandStore
import Testing
@testable import StandApp

/// The appliance on StandDrivers' real drivers, each talking through the Linux interface it uses
/// in the field: the keypad reads kernel input records, the display writes ANSI to a device
/// file, the printer speaks ESC/POS over TCP (to the virtual network printer), the drawer is
/// kicked through that printer.
@Suite("Real drivers in the appliance", .serialized)
struct RealDriverStandTests {
    /// A FIFO standing in for `/dev/input/eventN`.
    final class InputFIFO {
        let path: String
        private var writer: Int32 = -1

        init(directory: String) throws {
            path = directory + "/event-kbd"
            try #require(mkfifo(path, 0o600) == 0)
        }

        func connect() { writer = Glibc.open(path, O_WRONLY | O_CLOEXEC) }

        /// One key press and release, as the kernel reports them.
        func tap(_ code: UInt16) {
            for value: Int32 in [1, 0] {
                let bytes = InputEvent(type: InputEvent.key, code: code, value: value).bytes
                    + InputEvent(type: InputEvent.synchronization, code: 0, value: 0).bytes
                _ = bytes.withUnsafeBytes { Glibc.write(writer, $0.baseAddress, $0.count) }
                usleep(20_000)
            }
        }

        deinit { if writer >= 0 { Glibc.close(writer) } }
    }

    /// A virtual ESC/POS printer, switched on, behind a TCP port like a network receipt printer.
    static func networkPrinter() async throws -> (VirtualReceiptPrinter, VirtualPrinterServer) {
        let paper = VirtualReceiptPrinter(paperWidth: .mm58)
        try await paper.open()
        try await paper.claim()
        try await paper.enable()
        return (paper, try VirtualPrinterServer(printer: paper))
    }

    static func scratchDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("real-stand-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static func configuration(directory: String, printerPort: Int, extra: String = "") throws -> StandConfiguration {
        try StandConfiguration.parse(try configurationText(directory: directory, printerPort: printerPort, extra: extra))
    }

    /// A stand's standd.toml with the given printer/drawer/keypad sections, its catalog file, and
    /// an empty file the display writes into.
    static func standConfiguration(directory: String, id: String, devices: String) throws -> String {
        FileManager.default.createFile(atPath: directory + "/display", contents: nil)
        let catalog = directory + "/catalog.json"
        try DemoStand().catalog.json().write(to: URL(fileURLWithPath: catalog))
        return """
            [stand]
            id = "\(id)"
            name = "Real Hot Dogs"
            data_directory = "\(directory)"
            time_zone = "Europe/Berlin"
            [pricing]
            currency = "EUR"
            tax_mode = "inclusive"
            catalog = "\(catalog)"
            [devices.display]
            driver = "tty"
            path = "\(directory)/display"
            \(devices)
            """
    }

    /// The network printer on `printerPort` with a drawer on its kick port, and `extra` sections.
    static func configurationText(directory: String, printerPort: Int, extra: String = "") throws -> String {
        try standConfiguration(directory: directory, id: "real-01", devices: """
            [devices.printer]
            driver = "tcp"
            host = "127.0.0.1"
            port = \(printerPort)
            paper_width = 58
            [devices.drawer]
            driver = "printer"
            pulse_ms = 120
            \(extra)
            """)
    }

    static func addOperators(directory: String, standID: StandID) throws {
        let store = try StandStore.open(dataDirectory: directory, standID: standID)
        var operators = try OperatorDirectory()
        try store.upsertOperator(try operators.set("anna", name: "Anna", role: .operator, pin: "1234", rounds: HashedPIN.minimumRounds).stored)
    }

    static let quiet: Logger = {
        var logger = Logger(label: "standkit.real-drivers.test")
        logger.logLevel = .warning
        return logger
    }()

    @Test func aCashSaleKeyedOnAnEvdevKeypadIsPrintedOverTCPAndKicksTheDrawerThroughThePrinter() async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (paper, server) = try await Self.networkPrinter()
        let configuration = try Self.configuration(directory: directory, printerPort: server.port)
        try Self.addOperators(directory: directory, standID: configuration.standID)
        let keypadFile = try InputFIFO(directory: directory)

        // The factory's drivers, but the keypad read without EVIOCGRAB (a FIFO cannot be grabbed).
        var devices = try DeviceFactory.devices(for: configuration)
        #expect(devices.printer is NetworkReceiptPrinter)
        #expect(devices.drawer is PrinterPortCashDrawer)
        #expect(devices.display is ConsoleDisplay)
        devices.keypad = EvdevKeypad(settings: .init(path: keypadFile.path, keymap: configuration.keymap,
                                                     grabsExclusively: false, pollMilliseconds: 20))
        let assembly = try StandAssembly(configuration: configuration)
        let appliance = try assembly.appliance(devices: devices, operators: assembly.operators,
                                               backoff: ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(200)),
                                               printRetryInterval: .milliseconds(200), logger: Self.quiet)
        let running = Task { await appliance.run() }
        #expect(await eventually(30) { await appliance.deviceConditions[.keypad] == .ready })
        keypadFile.connect()

        // PIN 1234, Enter, F1 (hot dog 3.50), 5, F9 (cash): change 1.50.
        for code: UInt16 in [79, 80, 81, 75, 96, 59, 76, 67] { keypadFile.tap(code) }
        #expect(await eventually(30) { (try? assembly.store.sales(from: .distantPast, to: .distantFuture).count) == 1 })
        let sale = try #require(try assembly.store.sales(from: .distantPast, to: .distantFuture).first)
        #expect(sale.total == Money(cents: 350, .eur))
        #expect(sale.change == Money(cents: 150, .eur))
        #expect(await eventually(30) { paper.receipts.count == 1 && paper.drawerKicks == 1 }, "receipts \(paper.receipts.map(\.text)), kicks \(paper.drawerKicks)")
        #expect(paper.receipts.first?.text.contains("3.50") == true)
        #expect(await eventually(30) {
            (try? String(contentsOfFile: directory + "/display", encoding: .utf8))?.contains("CHANGE") == true
        })
        running.cancel()
        await running.value
        await server.stop()
    }

    @Test func deviceFactoryBuildsTheConfiguredDrivers() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = try Self.configuration(directory: directory, printerPort: 9100, extra: """
            [devices.keypad]
            driver = "evdev"
            path = "/dev/input/by-id/usb-keypad-event-kbd"
            [devices.scanner]
            driver = "camera"
            path = "/dev/video2"
            format = "GREY"
            """)
        let devices = try DeviceFactory.devices(for: configuration)
        #expect(devices.keypad is EvdevKeypad)
        #expect(devices.scanner is CameraScanner)
        #expect(devices.scanner?.identity.connection == .file(path: "/dev/video2"))
        #expect(devices.paymentTerminal == nil)
        #expect(devices.location == nil)
        var located = configuration
        located.devices[.scanner] = .evdev(path: "/dev/input/by-id/usb-scanner-event-kbd")
        located.devices[.locationSource] = .gpsd(host: "127.0.0.1", port: 2947)
        let withGPS = try DeviceFactory.devices(for: located)
        #expect(withGPS.scanner is KeyboardWedgeScanner)
        #expect(withGPS.location is GPSDLocationSource)

        var usb = configuration
        usb.devices[.receiptPrinter] = .usb(DeviceSettings.USBID(vendor: 0x04b8, product: 0x0202))
        usb.devices[.cashDrawer] = .gpio(DeviceSettings.GPIODrawerWiring(chip: "gpiochip0", line: 17, sensorLine: 27))
        usb.devices[.display] = .i2c(path: "/dev/i2c-1", address: 0x3f)
        let real = try DeviceFactory.devices(for: usb)
        #expect(real.printer is USBReceiptPrinter)
        #expect(real.drawer is GPIOCashDrawer)
        #expect(real.drawer?.identity.connection == .gpio(chip: "gpiochip0", lines: [17, 27]))
        #expect(real.display is HD44780Display)

        var orphan = configuration
        orphan.devices[.receiptPrinter] = DeviceSettings.none
        #expect(throws: StandService.StartError.self) { try DeviceFactory.devices(for: orphan) }
    }

    @Test func standdRefusesWhatARealStandCannotRunAndSaysWhatToDo() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = try Self.configuration(directory: directory, printerPort: 9100)
        do {
            _ = try StandService(configuration: configuration, logger: Self.quiet)
            Issue.record("a stand without operators was accepted")
        } catch {
            #expect("\(error)".contains("standctl operator add --data-dir \(directory)"))
        }
        try Self.addOperators(directory: directory, standID: configuration.standID)
        configuration.devices[.scanner] = .virtual
        do {
            _ = try StandService(configuration: configuration, logger: Self.quiet)
            Issue.record("a virtual scanner was accepted outside --simulate")
        } catch {
            #expect("\(error)".contains("driver = \"virtual\", which only standd --simulate runs"))
        }
        configuration.devices[.scanner] = DeviceSettings.none
        configuration.catalogPath = nil
        do {
            _ = try StandService(configuration: configuration, logger: Self.quiet)
            Issue.record("a stand without a catalog was accepted")
        } catch {
            #expect("\(error)".contains("add catalog = \"/etc/standkit/catalog.json\" to [pricing]"))
        }
    }
}

@Suite("standd on a real stand kit")
struct StanddServiceTests {
    @Test func runsOnTheConfiguredDriversAndStopsCleanlyOnSIGTERM() async throws {
        let directory = try RealDriverStandTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (paper, server) = try await RealDriverStandTests.networkPrinter()
        let text = try RealDriverStandTests.configurationText(directory: directory, printerPort: server.port, extra: """
            [devices.keypad]
            driver = "evdev"
            path = "\(directory)/no-keypad-here"
            """)
        try RealDriverStandTests.addOperators(directory: directory, standID: "real-01")
        let configPath = directory + "/standd.toml"
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = try StanddPseudoTerminal.binary()
        process.arguments = ["--config", configPath]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        #expect(await eventually(30) {
            (try? String(contentsOfFile: directory + "/display", encoding: .utf8))?.contains("Type PIN, then ENTER") == true
        }, "display: \((try? String(contentsOfFile: directory + "/display", encoding: .utf8)).debugDescription)")
        #expect(await eventually(30) { server.connectionsAccepted > 0 })
        kill(process.processIdentifier, SIGTERM)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(log.contains("standd running"))
        #expect(log.contains("\(directory)/no-keypad-here does not exist: is the keypad plugged in?"))
        #expect(log.contains("standd stopped: devices closed"))
        await server.stop()
    }
}
