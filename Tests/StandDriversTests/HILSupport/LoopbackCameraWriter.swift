#if canImport(Glibc)
import Glibc
#endif
import StandHardware
@testable import StandDrivers
import Synchronization

/// The camera's side of a v4l2loopback device: opens it as a V4L2 OUTPUT, fixes a
/// `width`×`height` GREY or YUYV format and streams frames through mmap buffers
/// (REQBUFS/QUERYBUF/mmap, QBUF, STREAMON, then DQBUF → fill → QBUF every `interval`) on a
/// thread of its own. Whatever `show` was last given is in every frame. Starting is plugging
/// the camera in; stopping (STREAMOFF, unmap, close) is unplugging it.
///
/// Plain `write()` is never used: v4l2loopback 0.12.7 then refuses every later writer until the
/// module is reloaded.
final class LoopbackCameraWriter: Sendable {
    // _IOWR('V', n, struct …) on x86-64, from linux/videodev2.h.
    static let setFormat: UInt = 0xC0D0_5605         // VIDIOC_S_FMT, struct v4l2_format (208 bytes)
    static let requestBuffers: UInt = 0xC014_5608    // VIDIOC_REQBUFS, struct v4l2_requestbuffers (20)
    static let queryBuffer: UInt = 0xC058_5609       // VIDIOC_QUERYBUF, struct v4l2_buffer (88)
    static let queueBuffer: UInt = 0xC058_560F       // VIDIOC_QBUF
    static let dequeueBuffer: UInt = 0xC058_5611     // VIDIOC_DQBUF
    static let streamOn: UInt = 0x4004_5612          // VIDIOC_STREAMON, _IOW int
    static let streamOff: UInt = 0x4004_5613         // VIDIOC_STREAMOFF
    static let bufferTypeOutput: UInt32 = 2          // V4L2_BUF_TYPE_VIDEO_OUTPUT
    static let memoryMMap: UInt32 = 1                // V4L2_MEMORY_MMAP
    static let fieldNone: UInt32 = 1                 // V4L2_FIELD_NONE
    static let colorspaceSRGB: UInt32 = 8            // V4L2_COLORSPACE_SRGB

    let path: String
    let format: FrameFormat
    let width: Int
    let height: Int
    let interval: Duration

    /// The mapped buffers: only the writer thread (while it runs) and `stop` touch them.
    private struct MappedBuffers: @unchecked Sendable {
        var list: [(address: UnsafeMutableRawPointer, length: Int)] = []
    }

    private struct Stream: Sendable {
        var fd: Int32
        var buffers: MappedBuffers
        var writer: InputReaderThread?
    }

    private final class Shared: Sendable {
        let frame: Mutex<[UInt8]>
        let frames = Atomic<Int>(0)
        let failure = Mutex<SystemCallError?>(nil)
        init(frame: [UInt8]) { self.frame = Mutex(frame) }
    }

    private let shared: Shared
    private let stream = Mutex<Stream?>(nil)

    init(path: String, format: FrameFormat, width: Int = 640, height: Int = 480, interval: Duration = .milliseconds(100)) {
        precondition(format != .rgb3, "the writer streams GREY or YUYV frames")
        self.path = path
        self.format = format
        self.width = width
        self.height = height
        self.interval = interval
        shared = Shared(frame: Self.canvas(nil, format: format, width: width, height: height))
    }

    deinit {
        if let current = stream.withLock({ $0 }) { Self.teardown(current, path: path) }
    }

    /// Frames written since the last start.
    var framesWritten: Int { shared.frames.load(ordering: .relaxed) }

    /// Why the writer thread stopped on its own, if it did.
    var failure: SystemCallError? { shared.failure.withLock { $0 } }

    /// From the next frame on, `image` centred on white (nil: white only).
    func show(_ image: ZBarTestImage?) {
        let bytes = Self.canvas(image, format: format, width: width, height: height)
        shared.frame.withLock { $0 = bytes }
    }

    /// Plugs the camera in: sets the format, maps the buffers, queues the first frames and
    /// starts streaming; returns once the device has a frame (and so a capture format).
    func start() throws(SystemCallError) {
        try stream.withLock { (stream: inout Stream?) throws(SystemCallError) in
            precondition(stream == nil, "the writer is already streaming")
            let path = path
            let fd = try Syscalls.open(path, O_RDWR | O_CLOEXEC)
            var buffers = MappedBuffers()
            do throws(SystemCallError) {
                try setFormat(fd)
                let count = try requestMappedBuffers(fd, count: 2)
                for index in 0..<count {
                    let (offset, length) = try queryBuffer(fd, index: index)
                    let address = Glibc.mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(offset))
                    guard let address, address != MAP_FAILED else {
                        throw SystemCallError(call: "mmap(buffer \(index), \(length) bytes)", path: path, errno: errno)
                    }
                    buffers.list.append((address, length))
                }
                var type = Int32(Self.bufferTypeOutput)
                try Syscalls.ioctl(fd, path: path, "VIDIOC_STREAMON", Self.streamOn, pointer: &type)
                shared.frames.store(0, ordering: .relaxed)
                for index in buffers.list.indices { try writeFrame(fd, buffers: buffers, index: index) }
            } catch {
                for buffer in buffers.list { munmap(buffer.address, buffer.length) }
                Syscalls.close(fd)
                throw error
            }
            let shared = shared, mapped = buffers
            let microseconds = UInt32(interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000)
            let writer = InputReaderThread(name: "loopback camera \(path)") { [weak self] shouldStop in
                while !shouldStop() {
                    usleep(microseconds)
                    guard let self else { return }
                    do throws(SystemCallError) {
                        let index = try self.dequeue(fd)
                        try self.writeFrame(fd, buffers: mapped, index: index)
                    } catch {
                        shared.failure.withLock { $0 = error }
                        return
                    }
                }
            }
            stream = Stream(fd: fd, buffers: buffers, writer: writer)
        }
    }

    /// Unplugs the camera: stops the thread and the stream, unmaps the buffers, closes the device.
    func stop() async {
        let writer = stream.withLock { $0?.writer }
        await writer?.stop()
        let current = stream.withLock { value -> Stream? in defer { value = nil }; return value }
        if let current { Self.teardown(current, path: path) }
    }

    private static func teardown(_ stream: Stream, path: String) {
        var type = Int32(bufferTypeOutput)
        _ = try? Syscalls.ioctl(stream.fd, path: path, "VIDIOC_STREAMOFF", streamOff, pointer: &type)
        for buffer in stream.buffers.list { munmap(buffer.address, buffer.length) }
        Syscalls.close(stream.fd)
    }

    // MARK: - V4L2 structures, laid out as on x86-64

    private func setFormat(_ fd: Int32) throws(SystemCallError) {
        var bytes = [UInt8](repeating: 0, count: 208)      // struct v4l2_format
        let bytesPerLine = format == .yuyv ? width * 2 : width
        Self.store(Self.bufferTypeOutput, at: 0, in: &bytes)
        // struct v4l2_pix_format at 8: width, height, pixelformat, field, bytesperline, sizeimage, colorspace.
        Self.store(UInt32(width), at: 8, in: &bytes)
        Self.store(UInt32(height), at: 12, in: &bytes)
        Self.store(UInt32(format.fourcc), at: 16, in: &bytes)
        Self.store(Self.fieldNone, at: 20, in: &bytes)
        Self.store(UInt32(bytesPerLine), at: 24, in: &bytes)
        Self.store(UInt32(bytesPerLine * height), at: 28, in: &bytes)
        Self.store(Self.colorspaceSRGB, at: 32, in: &bytes)
        try ioctl(fd, "VIDIOC_S_FMT", Self.setFormat, &bytes)
        let granted = (Self.load(at: 8, in: bytes), Self.load(at: 12, in: bytes), Self.load(at: 16, in: bytes))
        guard granted == (UInt32(width), UInt32(height), UInt32(format.fourcc)) else {
            throw SystemCallError(call: "ioctl(VIDIOC_S_FMT) (the device kept \(granted.0)x\(granted.1) fourcc 0x\(String(granted.2, radix: 16)); another writer's format is still set)",
                                  path: path, errno: EBUSY)
        }
    }

    private func requestMappedBuffers(_ fd: Int32, count: Int) throws(SystemCallError) -> Int {
        var bytes = [UInt8](repeating: 0, count: 20)       // struct v4l2_requestbuffers
        Self.store(UInt32(count), at: 0, in: &bytes)
        Self.store(Self.bufferTypeOutput, at: 4, in: &bytes)
        Self.store(Self.memoryMMap, at: 8, in: &bytes)
        try ioctl(fd, "VIDIOC_REQBUFS", Self.requestBuffers, &bytes)
        let granted = Int(Self.load(at: 0, in: bytes))
        guard granted > 0 else { throw SystemCallError(call: "ioctl(VIDIOC_REQBUFS) (no buffers granted)", path: path, errno: ENOMEM) }
        return granted
    }

    private func queryBuffer(_ fd: Int32, index: Int) throws(SystemCallError) -> (offset: UInt32, length: Int) {
        var bytes = Self.buffer(index: index)
        try ioctl(fd, "VIDIOC_QUERYBUF", Self.queryBuffer, &bytes)
        return (Self.load(at: 64, in: bytes), Int(Self.load(at: 72, in: bytes)))
    }

    private func dequeue(_ fd: Int32) throws(SystemCallError) -> Int {
        var bytes = Self.buffer(index: 0)
        try ioctl(fd, "VIDIOC_DQBUF", Self.dequeueBuffer, &bytes)
        return Int(Self.load(at: 0, in: bytes))
    }

    /// Copies the current frame into buffer `index` and queues it: one frame reaches the readers.
    private func writeFrame(_ fd: Int32, buffers: MappedBuffers, index: Int) throws(SystemCallError) {
        let target = buffers.list[index % buffers.list.count]
        let used = shared.frame.withLock { frame -> Int in
            let count = min(frame.count, target.length)
            frame.withUnsafeBytes { target.address.copyMemory(from: $0.baseAddress!, byteCount: count) }
            return count
        }
        var bytes = Self.buffer(index: index)
        Self.store(UInt32(used), at: 8, in: &bytes)
        Self.store(Self.fieldNone, at: 16, in: &bytes)
        try ioctl(fd, "VIDIOC_QBUF", Self.queueBuffer, &bytes)
        shared.frames.add(1, ordering: .relaxed)
    }

    /// struct v4l2_buffer (88 bytes): index at 0, type at 4, bytesused 8, field 16, memory 60, m.offset 64, length 72.
    private static func buffer(index: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 88)
        store(UInt32(index), at: 0, in: &bytes)
        store(bufferTypeOutput, at: 4, in: &bytes)
        store(memoryMMap, at: 60, in: &bytes)
        return bytes
    }

    private func ioctl(_ fd: Int32, _ name: String, _ request: UInt, _ bytes: inout [UInt8]) throws(SystemCallError) {
        try Syscalls.retrying("ioctl(\(name))", path) { bytes.withUnsafeMutableBytes { Glibc.ioctl(fd, request, $0.baseAddress!) } }
    }

    private static func store(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }

    private static func load(at offset: Int, in bytes: [UInt8]) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    /// A `width`×`height` frame in `format`: white, with `image` centred (cropped if larger).
    static func canvas(_ image: ZBarTestImage?, format: FrameFormat, width: Int, height: Int) -> [UInt8] {
        var gray = [UInt8](repeating: 255, count: width * height)
        if let image {
            let left = (width - image.width) / 2, top = (height - image.height) / 2
            let columns = max(0, -left)..<min(image.width, width - left)
            for y in max(0, -top)..<min(image.height, height - top) where !columns.isEmpty {
                gray.replaceSubrange((top + y) * width + left + columns.lowerBound..<(top + y) * width + left + columns.upperBound,
                                     with: image.gray[y * image.width + columns.lowerBound..<y * image.width + columns.upperBound])
            }
        }
        guard format == .yuyv else { return gray }
        // YUYV: Y0 U Y1 V, the luminance of each pixel and no colour (U = V = 128).
        var yuyv = [UInt8](repeating: 128, count: gray.count * 2)
        for index in gray.indices { yuyv[index * 2] = gray[index] }
        return yuyv
    }
}
