#if canImport(Glibc)
import Glibc
#endif

/// The far side of a simulated kernel device could not do its part: the call, the file it was
/// on, errno in words, and for the usual causes what to do.
public struct KernelDeviceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call, with what it was for: "ioctl(UI_DEV_CREATE)".
    public let call: String
    /// The device node or sysfs file: "/dev/uinput".
    public let path: String
    public let errno: Int32

    public init(_ call: String, on path: String, errno: Int32) {
        (self.call, self.path, self.errno) = (call, path, errno)
    }

    public var description: String {
        let advice = switch errno {
        case ENOENT, ENODEV: " The simulated devices exist inside the hardware-in-the-loop VM: run this under scripts/hil/run."
        case EACCES, EPERM: " The device sides need root, as the command has inside the hardware-in-the-loop VM."
        case EBUSY: " Another test or program still holds it: one HIL test at a time (scripts/hil/test runs them so)."
        default: ""
        }
        return "The simulated device's side: \(call) on \(path) failed: \(String(cString: strerror(errno))) (errno \(errno))." + advice
    }
}
