import HardwareMocks
import Testing

/// The reader of scripts/hil/devices.conf, outside the VM too: the repository's file holds what
/// the hardware-in-the-loop suites look up, and a broken file is named with its line.
@Suite struct HILDevicesConfTests {
    @Test func theRepositorysFileHoldsWhatTheSuitesNeed() throws {
        let devices = try HILDevicesConf.load(environment: [:])
        #expect(devices.path == HILDevicesConf.repositoryPath)
        #expect(try devices.string("KEYPAD_NAME") == "SIGMACHIP USB Keyboard")
        #expect(try devices.usbID("KEYPAD_VENDOR_ID") == 0x1C4F)
        #expect(try devices.usbID("KEYPAD_PRODUCT_ID") == 0x0002)
        #expect(try devices.gpioLine(named: "drawer-solenoid") == 0)
        #expect(try devices.gpioLine(named: "drawer-sensor") == 1)
        #expect(try devices.integer("CAMERA_VIDEO_NR") == 10)
    }

    @Test func valuesWithAndWithoutQuotesCommentsAndBlankLines() throws {
        let devices = try HILDevicesConf(parsing: "# comment\n\nA=\"x y\"\r\nB=0x04b8\nGPIO_LINE_COUNT=2\nGPIO_LINE1_NAME=s\n", path: "t.conf")
        #expect(try devices.string("A") == "x y")
        #expect(try devices.usbID("B") == 0x04B8)
        #expect(try devices.gpioLine(named: "s") == 1)
    }

    @Test(arguments: [
        ("A=1\nnonsense\n", "The hardware-in-the-loop device list t.conf (line 2) 'nonsense' is not KEY=\"value\"."),
        ("a=1\n", "The hardware-in-the-loop device list t.conf (line 1) 'a' is not a name of capitals, digits and '_'."),
        ("A=\"open\n", "The hardware-in-the-loop device list t.conf (line 1) the value of A has no closing quote."),
        ("A=\"$HOME\"\n", "The hardware-in-the-loop device list t.conf (line 1) the value of A holds a quote, '$' or backslash, which the VM's shell would expand."),
        ("A=1\nA=2\n", "The hardware-in-the-loop device list t.conf (line 2) A is set a second time."),
    ])
    func aBrokenLineIsNamed(text: String, message: String) {
        #expect(throws: HILDevicesConfError.self) { try HILDevicesConf(parsing: text, path: "t.conf") }
        do { _ = try HILDevicesConf(parsing: text, path: "t.conf") } catch { #expect(error.description == message) }
    }

    @Test func missingKeysAndBadValuesSayWhich() throws {
        let devices = try HILDevicesConf(parsing: "ID=1c4f\nGPIO_LINE_COUNT=8\nN=eight\n", path: "t.conf")
        #expect(throws: HILDevicesConfError(path: "t.conf", line: nil, problem: "has no KEYPAD_NAME")) { try devices.string("KEYPAD_NAME") }
        #expect(throws: HILDevicesConfError(path: "t.conf", line: nil, problem: "ID is '1c4f', not a 16-bit hexadecimal id like 0x1c4f")) {
            try devices.usbID("ID")
        }
        #expect(throws: HILDevicesConfError(path: "t.conf", line: nil, problem: "N is 'eight', not a whole number")) { try devices.integer("N") }
        #expect(throws: HILDevicesConfError(path: "t.conf", line: nil, problem: "names no GPIO line 'drawer-sensor' among its 8 lines")) {
            try devices.gpioLine(named: "drawer-sensor")
        }
    }

    @Test func anUnreadableFileSaysWhereItWasLookedFor() {
        do {
            _ = try HILDevicesConf.load(environment: ["STANDKIT_HIL_DEVICES": "/nonexistent/devices.conf"])
            Issue.record("read a file that does not exist")
        } catch {
            #expect(error.path == "/nonexistent/devices.conf")
            #expect(error.description.contains("scripts/hil/run"))
        }
    }
}
