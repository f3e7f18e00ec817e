import Foundation
import Logging
import StandApp
import StandCore
import StandHardware
import Testing

@Suite("standd.toml configuration")
struct ConfigTests {
    static let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/standd.example.toml").path

    /// A valid minimal file; cases below change one line of it.
    static let minimal = """
        [stand]
        id = "s1"
        name = "Stand"
        data_directory = "/tmp"
        time_zone = "Europe/Berlin"
        [pricing]
        currency = "EUR"
        tax_mode = "inclusive"
        """

    @Test func theExampleParses() throws {
        let config = try StandConfiguration.load(path: Self.examplePath)
        #expect(config.standID == "berlin-alex-01")
        #expect(config.standName == "Hot Dogs Alexanderplatz")
        #expect(config.timeZone.identifier == "Europe/Berlin")
        #expect(config.currency == .eur)
        #expect(config.taxMode == .inclusive)
        #expect(config.taxRounding == .perReceipt)
        #expect(config.catalogPath == "/etc/standkit/catalog.json")
        #expect(config.receiptHeader == ["Hot Dogs Alexanderplatz", "Alexanderplatz 1, 10178 Berlin", "VAT DE123456789"])
        #expect(config.receiptFooter == ["Thank you!", "# not a comment inside a string"])
        #expect(config.device(.receiptPrinter) == .usb(DeviceSettings.USBID(vendor: 0x0416, product: 0x5011)))
        #expect(config.device(.cashDrawer) == .gpio(DeviceSettings.GPIODrawerWiring(
            chip: "gpiochip0", line: 17, pulseMilliseconds: 120, activeLow: false, sensorLine: 27, leftOpenSeconds: 45)))
        #expect(config.device(.paymentTerminal) == .serial(DeviceSettings.SerialWiring(
            path: "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0", baudRate: 9600, parity: "none", stopBits: 2)))
        #expect(config.cardTerminalPassword == 0)
        #expect(config.device(.scanner) == .evdev(path: "/dev/input/by-id/usb-Zebra_Scanner-event-kbd"))
        #expect(config.device(.keypad) == .evdev(path: "/dev/input/by-id/usb-Numeric_Keypad-event-kbd"))
        #expect(config.device(.display) == .i2c(path: "/dev/i2c-1", address: 0x27))
        #expect(config.keymap[87] == .menu)
        #expect(config.keymap[98] == nil)
        #expect(config.keymap[78] == .subtotal)
        #expect(config.device(.locationSource) == .gpsd(host: "127.0.0.1", port: 2947))
        #expect(config.paperWidth == .mm80)
        #expect(config.displayGeometry == .lcd20x4)
        #expect(config.locations == ["Alexanderplatz", "Hackescher Markt", "Mauerpark"])
        #expect(config.defaultLocation == "Alexanderplatz")
        #expect(config.terminalSettings.autoLockAfter == 300)
        #expect(config.logLevel == .info)
    }

    @Test func minimalFileHasDefaultsAndNoDevices() throws {
        let config = try StandConfiguration.parse(Self.minimal)
        #expect(config.autoLockMinutes == 5)
        #expect(DeviceKind.allCases.allSatisfy { config.device($0) == .none })
        #expect(config.cashRounding == nil)
        #expect(config.logLevel == .info)
        #expect(try StandConfiguration.parse(Self.minimal + "\n[log]\nlevel = \"debug\"").logLevel == .debug)
    }

    @Test func driverDefaults() throws {
        let config = try StandConfiguration.parse(Self.minimal + """

            [devices.printer]
            driver = "usb"
            [devices.drawer]
            driver = "printer"
            [devices.scanner]
            driver = "camera"
            symbologies = ["qr", "ean13"]
            [devices.display]
            driver = "i2c"
            [devices.location]
            driver = "gpsd"
            """)
        #expect(config.device(.receiptPrinter) == .usb(nil))
        #expect(config.device(.cashDrawer) == .printerPort(pulseMilliseconds: 100))
        #expect(config.device(.scanner) == .camera(path: "/dev/video0", format: "YUYV", symbologies: [.qr, .ean13]))
        #expect(config.device(.display) == .i2c(path: "/dev/i2c-1", address: 0x27))
        #expect(config.device(.locationSource) == .gpsd(host: "127.0.0.1", port: 2947))
        #expect(config.keymap == .usbNumericKeypad)
    }

    @Test func simulatedIsAllVirtual() {
        let config = StandConfiguration.simulated(dataDirectory: "/tmp/x")
        #expect(DeviceKind.allCases.allSatisfy { config.device($0) == .virtual })
        #expect(config.dataDirectory == "/tmp/x")
        #expect(config.catalogPath == nil)
    }

    @Test(arguments: [
        ("[devices.display]\ndriver = \"i2c\"\naddress = \"27\"",
         "standd.toml line 11: address = \"27\" is not a number; write e.g. address = 0x27"),
        ("[devices.display]\ndriver = \"i2c\"\naddress = 0x99",
         "standd.toml line 11: address = 153 is outside 3...119; write e.g. address = 0x27"),
        ("[devices.display]\ndriver = \"serial\"",
         "standd.toml line 10: driver = \"serial\" is not one of \"virtual\", \"tty\", \"i2c\", \"none\"; write e.g. driver = \"virtual\""),
        ("[devices.card]\ndriver = \"usb\"",
         "standd.toml line 10: driver = \"usb\" is not one of \"virtual\", \"serial\", \"tcp\", \"none\"; write e.g. driver = \"virtual\""),
        ("[devices.card]\ndriver = \"serial\"",
         "standd.toml: [devices.card] needs path (driver \"serial\" needs it)"),
        ("[devices.card]\ndriver = \"serial\"\npath = \"/dev/ttyUSB0\"\nbaud = 9601",
         "standd.toml line 12: baud = 9601 is not a serial speed (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400); write e.g. baud = 9600"),
        ("[devices.card]\ndriver = \"tcp\"\nhost = \"10.0.0.9\"\npassword = \"12345\"",
         "standd.toml line 12: password = \"12345\" is not the terminal's six-digit password; write e.g. password = \"000000\""),
        ("[devices.card]\ndriver = \"tcp\"\nhost = \"10.0.0.9\"\nprotocol = \"nexo\"",
         "standd.toml line 12: protocol = \"nexo\" is not one of \"zvt\"; write e.g. protocol = \"zvt\""),
        ("[devices.scanner]\ndriver = \"camera\"\nformat = \"MJPG\"",
         "standd.toml line 11: format = \"MJPG\" is not one of \"YUYV\", \"GREY\", \"RGB3\"; write e.g. format = \"YUYV\""),
        ("[devices.scanner]\ndriver = \"camera\"\npath = \"/dev/video0\"\nsymbologies = [\"qr\", \"datamatrix\"]",
         "standd.toml line 12: symbologies = [\"qr\", \"datamatrix\"] names \"datamatrix\", which is none of qr, ean13, ean8, code128, upca, code39; write e.g. symbologies = [\"qr\", \"ean13\", \"code128\"]"),
        ("[devices.drawer]\ndriver = \"gpio\"\nchip = \"gpiochip0\"\nline = 17\nsensor_line = 17",
         "standd.toml line 13: sensor_line = 17 is the solenoid's line; write e.g. sensor_line = 27"),
        ("[keymap]\nKEY_NOPE = \"cash\"",
         "standd.toml line 10: KEY_NOPE = \"cash\" has no Linux key code: KEY_NOPE is not a KEY_… name or a number below 768; write e.g. KEY_KPPLUS = \"subtotal\""),
        ("[keymap]\nKEY_F1 = \"pay\"",
         "standd.toml line 10: KEY_F1 = \"pay\" is not a stand key (0-9, ., P1…, quantity, void, clear, backspace, subtotal, cash, card, enter, menu, up, down, none); write e.g. KEY_F1 = \"subtotal\""),
        ("[devices.printer]\ndriver = \"laser\"",
         "standd.toml line 10: driver = \"laser\" is not one of \"virtual\", \"usb\", \"file\", \"tcp\", \"none\"; write e.g. driver = \"virtual\""),
        ("[devices.printer]\ndriver = \"usb\"\nusb_id = \"416:5011\"",
         "standd.toml line 11: usb_id = \"416:5011\" is not vendor:product in hex; write e.g. usb_id = \"0416:5011\""),
        ("[devices.printer]\ndriver = \"tcp\"\nhost = \"10.0.0.9\"\nbaud = 9600",
         "standd.toml line 12: unknown key baud in [devices.printer]; the known keys are driver, host, port, paper_width"),
        ("[devices.printer]\ndriver = \"virtual\"\npaper_width = 70",
         "standd.toml line 11: paper_width = 70 is neither 58 nor 80 (mm); write e.g. paper_width = 80"),
        ("[devices.drawer]\ndriver = \"gpio\"\nchip = \"gpiochip0\"\nline = 17\nactive_low = \"yes\"",
         "standd.toml line 13: active_low = \"yes\" is not true or false; write e.g. active_low = true"),
        ("[devices.drawer]\ndriver = \"gpio\"\nchip = \"gpiochip0\"",
         "standd.toml: [devices.drawer] needs line (driver \"gpio\" needs it)"),
        ("[devices.fridge]\ndriver = \"virtual\"",
         "standd.toml line 9: unknown section [devices.fridge]; the known sections are [stand], [pricing], [receipt], [devices.printer], [devices.drawer], [devices.card], [devices.scanner], [devices.keypad], [devices.display], [devices.location], [keymap], [locations], [metrics], [log]"),
        ("[log]\nlevel = \"verbose\"",
         "standd.toml line 10: level = \"verbose\" is not one of \"info\", \"debug\", \"notice\", \"warning\", \"error\", \"critical\"; write e.g. level = \"info\""),
        ("[log]\nfile = \"/var/log/standd.log\"",
         "standd.toml line 10: unknown key file in [log]; the known keys are level"),
        ("[locations]\nspots = \"Alexanderplatz\"",
         "standd.toml line 10: spots = \"Alexanderplatz\" is not a list of quoted strings; write e.g. spots = [\"Alexanderplatz\", \"Hackescher Markt\"]"),
        ("[locations]\nspots = [\"A\", \"B\"]\ndefault = \"C\"",
         "standd.toml line 11: default = \"C\" is not one of the spots; write e.g. default = \"A\""),
        ("[receipt]\nheader = [\"a\",\n  \"b\"",
         "standd.toml line 10: the array is not closed with ]: header = [\"a\",. Write key = value, [section] or a # comment."),
        ("[stand]\nid = \"again\"",
         "standd.toml line 9: section [stand] appears again (first on line 1); keep one"),
        ("[receipt]\nfooter = \"Thanks\nx\"",
         "standd.toml line 10: the string is not closed with \": \"Thanks. Write key = value, [section] or a # comment."),
        ("just words",
         "standd.toml line 9: this line is not key = value: just words. Write key = value, [section] or a # comment."),
    ])
    func badLinesNameTheirLineAndWhatToWrite(appended: String, message: String) {
        #expect(throws: (any Error).self) { try StandConfiguration.parse(Self.minimal + "\n" + appended) }
        do {
            _ = try StandConfiguration.parse(Self.minimal + "\n" + appended)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: [
        ("time_zone = \"Europe/Berlin\"", "time_zone = \"Mars/Olympus\"",
         "standd.toml line 5: time_zone = \"Mars/Olympus\" is not a known time zone; write e.g. time_zone = \"Europe/Berlin\""),
        ("currency = \"EUR\"", "currency = \"euro\"",
         "standd.toml line 7: currency = \"euro\" is not a three-letter ISO 4217 code; write e.g. currency = \"EUR\""),
        ("tax_mode = \"inclusive\"", "tax_mode = \"included\"",
         "standd.toml line 8: tax_mode = \"included\" is not one of \"inclusive\", \"exclusive\"; write e.g. tax_mode = \"inclusive\""),
        ("name = \"Stand\"", "nmae = \"Stand\"",
         "standd.toml line 3: unknown key nmae in [stand]; the known keys are id, name, data_directory, time_zone, auto_lock_minutes"),
        ("tax_mode = \"inclusive\"", "",
         "standd.toml: [pricing] needs tax_mode (\"inclusive\" (prices contain VAT) or \"exclusive\" (tax added on top))"),
        ("data_directory = \"/tmp\"", "data_directory = \"/tmp\"\nid = \"twice\"",
         "standd.toml line 5: id is set again (first on line 2); keep one"),
    ])
    func badValuesInRequiredSections(line: String, replacement: String, message: String) {
        let text = Self.minimal.replacingOccurrences(of: line, with: replacement)
        do {
            _ = try StandConfiguration.parse(text)
            Issue.record("parsed although \(replacement) is wrong")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func unreadableFileNamesThePath() {
        do {
            _ = try StandConfiguration.load(path: "/nonexistent/standd.toml")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/standd.toml: cannot read the configuration"))
        }
    }
}
