import StandHardware

/// How a device is reached, as named by `driver = "..."` in a `[devices.*]` section.
public enum DeviceDriver: String, Hashable, Sendable, CaseIterable {
    /// A simulated device from HardwareMocks (`standd --simulate` only).
    case virtual
    /// A USB receipt printer through libusb.
    case usb
    /// A device file written to directly (`/dev/usb/lp0`, usblp).
    case file
    /// A network receipt printer (raw ESC/POS on port 9100).
    case tcp
    /// A GPIO line (libgpiod) pulsed by the stand (cash drawer solenoid).
    case gpio
    /// A Linux input device (`/dev/input/by-id/…`): USB keypads and keyboard-wedge scanners.
    case evdev
    /// A V4L2 camera (`/dev/video0`) whose frames zbar decodes.
    case camera
    /// A Linux console or terminal (`/dev/tty1`) drawn in plain ANSI.
    case tty
    /// A 20×4 HD44780 character LCD behind a PCF8574 I²C backpack (`/dev/i2c-1`).
    case i2c
    /// A GPS receiver through gpsd.
    case gpsd
    /// A cash drawer wired to the receipt printer's drawer port, kicked with ESC p.
    case printer
    /// A serial line (RS-232, USB-serial adapter): the card terminal, speaking ZVT.
    case serial
    /// The stand has no such device.
    case none

    /// The drivers each device kind accepts.
    public static func allowed(for kind: DeviceKind) -> [DeviceDriver] {
        switch kind {
        case .receiptPrinter: [.virtual, .usb, .file, .tcp, .none]
        case .cashDrawer: [.virtual, .gpio, .printer, .none]
        case .paymentTerminal: [.virtual, .serial, .tcp, .none]
        case .scanner: [.virtual, .evdev, .camera, .none]
        case .keypad: [.virtual, .evdev, .none]
        case .display: [.virtual, .tty, .i2c, .none]
        case .locationSource: [.virtual, .gpsd, .none]
        }
    }
}
