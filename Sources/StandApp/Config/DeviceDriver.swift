import StandHardware

/// How a device is reached, as named by `driver = "..."` in a `[devices.*]` section.
public enum DeviceDriver: String, Hashable, Sendable, CaseIterable {
    /// A simulated device from HardwareMocks.
    case virtual
    case usb
    /// A device file written to directly (`/dev/usb/lp0`).
    case file
    case tcp
    case serial
    /// A GPIO line (libgpiod) pulsed by the stand (cash drawer solenoid).
    case gpio
    /// A Linux input device (`/dev/input/event3`): USB keypads and keyboard-wedge scanners.
    case evdev
    /// The controlling terminal (`standd --simulate`, a serial console).
    case tty
    /// A GPS receiver through gpsd.
    case gpsd
    /// A cash drawer wired to the receipt printer's drawer port, kicked with ESC p.
    case printer
    /// The stand has no such device.
    case none

    /// The drivers each device kind accepts.
    public static func allowed(for kind: DeviceKind) -> [DeviceDriver] {
        switch kind {
        case .receiptPrinter: [.virtual, .usb, .file, .tcp, .serial, .none]
        case .cashDrawer: [.virtual, .gpio, .printer, .none]
        case .paymentTerminal: [.virtual, .tcp, .serial, .none]
        case .scanner: [.virtual, .evdev, .serial, .tty, .none]
        case .keypad: [.virtual, .evdev, .tty, .none]
        case .display: [.virtual, .tty, .serial, .none]
        case .locationSource: [.virtual, .gpsd, .none]
        }
    }
}
