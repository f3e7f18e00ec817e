#if canImport(Glibc)
import Glibc
#endif
import StandHardware

/// Finds out, in the installer's words, why a camera could not be used: zbar only says that
/// opening failed, so the device node is opened and asked for its V4L2 capabilities here.
enum CameraDiagnosis {
    /// VIDIOC_QUERYCAP = _IOR('V', 0, struct v4l2_capability), the struct being 104 bytes.
    static let queryCapabilities: UInt = 0x8068_5600
    /// V4L2_CAP_VIDEO_CAPTURE: the node delivers pictures (single-planar, what zbar reads).
    static let captureCapability: UInt32 = 0x0000_0001
    /// V4L2_CAP_DEVICE_CAPS: `device_caps` describes this node (rather than the whole device).
    static let deviceCapsCapability: UInt32 = 0x8000_0000

    /// Why zbar could not open `path`; `zbarDetail` is zbar's own message, kept for the log.
    static func openFailure(path: String, zbarDetail: String) -> DeviceError {
        let fd: Int32
        do throws(SystemCallError) {
            fd = try Syscalls.open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        } catch {
            return openError(error, zbarDetail: zbarDetail)
        }
        defer { Syscalls.close(fd) }
        let capabilities: UInt32
        do throws(SystemCallError) {
            capabilities = try captureCapabilities(fd, path: path)
        } catch where error.errno == ENOTTY || error.errno == EINVAL {
            return notAVideoDevice(path, detail: error.description)
        } catch {
            return error.meansDisconnected ? .disconnected(.scanner, detail: error.description) : .io(.scanner, detail: error.description)
        }
        if capabilities & captureCapability == 0 {
            return DeviceError(code: .notFound, summary: "\(path) is a video device that does not capture pictures.",
                               action: "Name the camera's capture node instead (USB cameras often add a second /dev/videoN that only carries metadata; `v4l2-ctl --list-devices` lists them).",
                               detail: zbarDetail)
        }
        return .io(.scanner, detail: zbarDetail)
    }

    /// The capabilities of the node open on `fd` (its `device_caps` when the driver gives them).
    static func captureCapabilities(_ fd: Int32, path: String) throws(SystemCallError) -> UInt32 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 104, alignment: 4)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        try Syscalls.ioctl(fd, path: path, "VIDIOC_QUERYCAP", queryCapabilities, pointer: buffer.baseAddress!)
        // struct v4l2_capability: driver[16], card[32], bus_info[32], version, capabilities, device_caps.
        let all = buffer.load(fromByteOffset: 84, as: UInt32.self)
        return all & deviceCapsCapability != 0 ? buffer.load(fromByteOffset: 88, as: UInt32.self) : all
    }

    /// The error for a failed open of the device node.
    static func openError(_ error: SystemCallError, zbarDetail: String? = nil) -> DeviceError {
        let detail = [error.description, zbarDetail].compactMap { $0 }.joined(separator: "; ")
        let path = error.path
        switch error.errno {
        case ENOENT:
            return DeviceError(code: .notFound, summary: "\(path) does not exist: is the camera plugged in?",
                               action: "Plug it in, or list the cameras with `ls /dev/video*` and name the right one in the scanner's configuration.",
                               detail: detail)
        case ENODEV, ENXIO:
            return DeviceError(code: .notFound, summary: "No camera answers at \(path): is the camera plugged in?",
                               action: "Plug it in again, or list the cameras with `ls /dev/video*` and name the right one in the scanner's configuration.",
                               detail: detail)
        case EACCES, EPERM:
            return .permissionDenied(.scanner, path: path,
                                     action: "Add the stand's user to the video group, or install systemd/udev/60-standkit.rules (cameras then belong to the stand group), and restart the stand.",
                                     detail: detail)
        case EBUSY:
            return .busy(.scanner, detail: detail)
        case EISDIR:
            return notAVideoDevice(path, detail: detail)
        default:
            return .io(.scanner, detail: detail)
        }
    }

    static func notAVideoDevice(_ path: String, detail: String) -> DeviceError {
        DeviceError(code: .unsupported, summary: "\(path) is not a camera (it is not a video device).",
                    action: "Name the camera's /dev/videoN in the scanner's configuration; `v4l2-ctl --list-devices` lists the cameras.",
                    detail: detail)
    }
}
