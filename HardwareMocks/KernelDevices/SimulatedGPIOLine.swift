#if canImport(Glibc)
import Glibc
#endif

/// One gpio-sim line's `sim_gpioN/value`, held open: the level the chip drives the line to, read
/// as often as sysfs answers.
public final class SimulatedGPIOLine: Sendable {
    private let file: KernelDeviceFile

    init(path: String) throws(KernelDeviceError) {
        file = try KernelDeviceFile(path: path, flags: O_RDONLY)
    }

    /// Closes the value file; a later `level()` fails with EBADF.
    public func close() {
        file.close()
    }

    /// 0 or 1.
    public func level() throws(KernelDeviceError) -> Int {
        let text = try file.readFromStart()
        switch text.first {
        case "0": return 0
        case "1": return 1
        default: throw KernelDeviceError("pread (read '\(text)', not 0 or 1)", on: file.path, errno: EINVAL)
        }
    }
}
