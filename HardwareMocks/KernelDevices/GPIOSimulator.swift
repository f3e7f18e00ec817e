#if canImport(Glibc)
import Glibc
#endif

/// The simulator side of a gpio-sim chip (`/sys/devices/platform/gpio-sim.N/gpiochipM`):
/// `sim_gpioK/value` is the level an output line is driven to, and writing `pull-up` or
/// `pull-down` to `sim_gpioK/pull` drives an input line as a switch would (a libgpiod reader sees
/// the edge ~5 ms later).
public struct GPIOSimulator: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The level of line `line` now: 0 or 1.
    public func level(_ line: Int) throws(KernelDeviceError) -> Int {
        try self.line(line).level()
    }

    /// Drives line `line` high (`pull-up`) or low (`pull-down`).
    public func pull(_ line: Int, high: Bool) throws(KernelDeviceError) {
        try KernelDeviceFile.write(high ? "pull-up\n" : "pull-down\n", to: "\(directory)/sim_gpio\(line)/pull")
    }

    /// Line `line`'s value file, kept open to read its level again and again.
    public func line(_ line: Int) throws(KernelDeviceError) -> SimulatedGPIOLine {
        try SimulatedGPIOLine(path: "\(directory)/sim_gpio\(line)/value")
    }

    /// Starts sampling line `line`'s level on a thread of its own every `interval` until the
    /// recorder is stopped.
    public func record(_ line: Int, every interval: Duration = .microseconds(200)) throws(KernelDeviceError) -> GPIOLevelRecorder {
        GPIOLevelRecorder(line: try self.line(line), interval: interval)
    }
}
