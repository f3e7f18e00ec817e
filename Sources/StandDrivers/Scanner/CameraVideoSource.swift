#if canImport(Glibc)
import Glibc
#endif
import CZBar
import StandHardware
import Synchronization

/// A V4L2 camera read through zbar's video API. Owns one `zbar_video_t` from a successful
/// `zbar_video_open` until `close()` or deinit, whichever comes first.
///
/// The pixel format is set with `zbar_video_init` before capture starts and never negotiated
/// (`zbar_negotiate_format(video, NULL)` crashes libzbar 0.23.92). Frames are waited for with
/// poll on zbar's descriptor, so the reader thread can stop between frames, and copied out of
/// zbar's buffer before it is handed back.
final class CameraVideoSource: FrameSource {
    let path: String
    let format: FrameFormat
    private let zbar: ZBarLibrary
    private let video: Mutex<OpaquePointer?>

    /// Opens the camera at `path` and probes it (`zbar_video_open`).
    init(path: String, format: FrameFormat) throws(DeviceError) {
        let zbar: ZBarLibrary
        do throws(ZBarLibraryError) { zbar = try ZBarLibrary.shared() } catch { throw error.deviceError }
        guard let handle = zbar.videoCreate() else {
            throw .io(.scanner, detail: "zbar_video_create failed (out of memory)")
        }
        guard zbar.videoOpen(handle, path) == 0 else {
            let detail = Self.zbarMessage(zbar, handle)
            zbar.videoDestroy(handle)
            throw CameraDiagnosis.openFailure(path: path, zbarDetail: detail)
        }
        self.zbar = zbar
        self.path = path
        self.format = format
        video = Mutex(handle)
    }

    deinit { close() }

    func configure() throws(DeviceError) {
        let format = self.format, path = self.path, zbar = self.zbar
        try withVideo("configure") { (handle: OpaquePointer) throws(DeviceError) in
            guard zbar.videoInit(handle, format.fourcc) == 0 else {
                let code = errno
                let detail = Self.zbarMessage(zbar, handle)
                if code == EBUSY { throw .busy(.scanner, detail: detail) }
                throw DeviceError(code: .unsupported, summary: "The camera at \(path) cannot deliver \(format.rawValue) pictures.",
                                  action: "Set the scanner's format to one the camera offers: YUYV, GREY or RGB3 (`v4l2-ctl -d \(path) --list-formats` lists them).",
                                  detail: detail)
            }
        }
    }

    func start() throws(DeviceError) {
        let zbar = self.zbar
        try withVideo("start") { (handle: OpaquePointer) throws(DeviceError) in
            guard zbar.videoEnable(handle, 1) == 0 else {
                let code = errno
                let detail = Self.zbarMessage(zbar, handle)
                throw code == EBUSY ? .busy(.scanner, detail: detail) : .io(.scanner, detail: detail)
            }
        }
    }

    func nextFrame(waitingMilliseconds milliseconds: Int32) throws(DeviceError) -> Frame? {
        let format = self.format, path = self.path, zbar = self.zbar
        return try withVideo("read a frame") { (handle: OpaquePointer) throws(DeviceError) -> Frame? in
            let fd = zbar.videoGetFD(handle)
            guard fd >= 0 else { throw .disconnected(.scanner, detail: "zbar_video_get_fd on \(path) returned \(fd)") }
            let ready: Int16
            do throws(SystemCallError) {
                ready = try Syscalls.poll(fd, path: path, events: Int16(POLLIN), milliseconds: milliseconds)
            } catch {
                throw error.meansDisconnected ? .disconnected(.scanner, detail: error.description) : .io(.scanner, detail: error.description)
            }
            if ready == 0 { return nil }
            guard ready & Int16(POLLIN) != 0 else {
                throw .disconnected(.scanner, detail: "poll on \(path) reported revents \(ready)")
            }
            guard let image = zbar.videoNextImage(handle) else {
                throw .disconnected(.scanner, detail: Self.zbarMessage(zbar, handle))
            }
            defer { zbar.imageDestroy(image) }
            let reported = zbar.imageGetFormat(image)
            guard let delivered = FrameFormat(fourcc: reported) else {
                throw .protocolViolation(.scanner, detail: "\(path) delivered fourcc 0x\(String(reported, radix: 16)) instead of \(format.rawValue)")
            }
            let length = Int(zbar.imageGetDataLength(image))
            guard let data = zbar.imageGetData(image), length > 0 else { return nil }
            return Frame(format: delivered, width: Int(zbar.imageGetWidth(image)), height: Int(zbar.imageGetHeight(image)),
                         bytes: Array(UnsafeRawBufferPointer(start: data, count: length)))
        }
    }

    func close() {
        let handle = video.withLock { value -> OpaquePointer? in
            defer { value = nil }
            return value
        }
        // zbar_video_destroy stops capture, unmaps the buffers and closes the device.
        if let handle { zbar.videoDestroy(handle) }
    }

    /// Runs `body` with the open handle, under the lock, so `close()` never destroys it mid-call.
    private func withVideo<T: Sendable>(_ operation: String, _ body: (OpaquePointer) throws(DeviceError) -> T) throws(DeviceError) -> T {
        try video.withLock { (value: inout OpaquePointer?) throws(DeviceError) -> T in
            guard let handle = value else { throw .wrongState(.closed, operation) }
            return try body(handle)
        }
    }

    /// zbar's last error for `handle` on one line ("system error: opening video device …").
    private static func zbarMessage(_ zbar: ZBarLibrary, _ handle: OpaquePointer) -> String {
        guard let text = zbar.errorString(UnsafeRawPointer(handle), 0) else { return "zbar reported no detail" }
        return String(cString: text).split(whereSeparator: \.isNewline)
            .map { String($0.drop(while: \.isWhitespace)) }.joined(separator: " ")
    }
}
