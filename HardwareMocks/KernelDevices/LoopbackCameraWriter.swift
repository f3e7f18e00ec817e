#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The camera's side of a v4l2loopback device: opens it as a V4L2 OUTPUT, fixes a
/// `width`×`height` GREY or YUYV format and streams frames through mmap buffers
/// (REQBUFS/QUERYBUF/mmap, QBUF, STREAMON, then DQBUF → fill → QBUF every `interval`) on a thread
/// of its own. Whatever `show` was last given is in every frame. Starting is plugging the camera
/// in; stopping (STREAMOFF, unmap, close) is unplugging it. The device offers capture, and a
/// format, only once the first frame is written: start the writer before the scanner.
///
/// Plain `write()` is never used: v4l2loopback 0.12.7 then refuses every later writer until the
/// module is reloaded.
public final class LoopbackCameraWriter: Sendable {
    // _IOWR('V', n, struct …) on x86-64 and arm64, from linux/videodev2.h.
    private static let setFormat: UInt = 0xC0D0_5605         // VIDIOC_S_FMT, struct v4l2_format (208 bytes)
    private static let requestBuffers: UInt = 0xC014_5608    // VIDIOC_REQBUFS, struct v4l2_requestbuffers (20)
    private static let queryBuffer: UInt = 0xC058_5609       // VIDIOC_QUERYBUF, struct v4l2_buffer (88)
    private static let queueBuffer: UInt = 0xC058_560F       // VIDIOC_QBUF
    private static let dequeueBuffer: UInt = 0xC058_5611     // VIDIOC_DQBUF
    private static let streamOn: UInt = 0x4004_5612          // VIDIOC_STREAMON, _IOW int
    private static let streamOff: UInt = 0x4004_5613         // VIDIOC_STREAMOFF
    private static let bufferTypeOutput: UInt32 = 2          // V4L2_BUF_TYPE_VIDEO_OUTPUT
    private static let memoryMMap: UInt32 = 1                // V4L2_MEMORY_MMAP
    private static let fieldNone: UInt32 = 1                 // V4L2_FIELD_NONE
    private static let colorspaceSRGB: UInt32 = 8            // V4L2_COLORSPACE_SRGB

    public let path: String
    public let format: CameraPicture.PixelFormat
    public let width: Int
    public let height: Int
    public let interval: Duration

    /// The mapped buffers: only the writer thread (while it runs) and `stop` touch them.
    private struct MappedBuffers: @unchecked Sendable {
        var list: [(address: UnsafeMutableRawPointer, length: Int)] = []
    }

    private struct Stream: Sendable {
        var file: KernelDeviceFile
        var buffers: MappedBuffers
        var writer: DeviceSideThread
    }

    private final class Shared: Sendable {
        let frame: Mutex<[UInt8]>
        let frames = Atomic<Int>(0)
        let failure = Mutex<KernelDeviceError?>(nil)
        init(frame: [UInt8]) { self.frame = Mutex(frame) }
    }

    private let shared: Shared
    private let stream = Mutex<Stream?>(nil)

    public init(path: String, format: CameraPicture.PixelFormat, width: Int = 640, height: Int = 480, interval: Duration = .milliseconds(100)) {
        self.path = path
        self.format = format
        self.width = width
        self.height = height
        self.interval = interval
        shared = Shared(frame: CameraPicture.frame(showing: nil, format: format, width: width, height: height))
    }

    deinit {
        if let current = stream.withLock({ $0 }) {
            current.writer.requestStop()
            Self.teardown(current)
        }
    }

    /// Frames written since the last start.
    public var framesWritten: Int { shared.frames.load(ordering: .relaxed) }

    /// Why the writer thread stopped on its own, if it did.
    public var failure: KernelDeviceError? { shared.failure.withLock { $0 } }

    /// From the next frame on, `picture` centred on white (nil: white only).
    public func show(_ picture: CameraPicture?) {
        let bytes = CameraPicture.frame(showing: picture, format: format, width: width, height: height)
        shared.frame.withLock { $0 = bytes }
    }

    /// Plugs the camera in: sets the format, maps the buffers, queues the first frames and
    /// starts streaming; returns once the device has a frame (and so a capture format).
    public func start() throws(KernelDeviceError) {
        try stream.withLock { (stream: inout Stream?) throws(KernelDeviceError) in
            precondition(stream == nil, "the writer is already streaming")
            let file = try KernelDeviceFile(path: path, flags: O_RDWR)
            var buffers = MappedBuffers()
            do throws(KernelDeviceError) {
                try setFormat(file)
                let count = try requestMappedBuffers(file, count: 2)
                for index in 0..<count {
                    let (offset, length) = try queryBuffer(file, index: index)
                    let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, file.descriptor, off_t(offset))
                    guard let address, address != MAP_FAILED else {
                        throw KernelDeviceError("mmap(buffer \(index), \(length) bytes)", on: path, errno: errno)
                    }
                    buffers.list.append((address, length))
                }
                var type = Self.bytes(of: Self.bufferTypeOutput)
                try file.control("VIDIOC_STREAMON", Self.streamOn, bytes: &type)
                shared.frames.store(0, ordering: .relaxed)
                for index in buffers.list.indices { try writeFrame(file, buffers: buffers, index: index) }
            } catch {
                for buffer in buffers.list { munmap(buffer.address, buffer.length) }
                file.close()
                throw error
            }
            let shared = shared, mapped = buffers
            let pause = useconds_t(interval / .microseconds(1))
            let writer = DeviceSideThread(name: "loopback camera \(path)") { [weak self] shouldStop in
                while !shouldStop() {
                    usleep(pause)
                    guard let self else { return }
                    do throws(KernelDeviceError) {
                        let index = try self.dequeue(file)
                        try self.writeFrame(file, buffers: mapped, index: index)
                    } catch {
                        shared.failure.withLock { $0 = error }
                        return
                    }
                }
            }
            stream = Stream(file: file, buffers: buffers, writer: writer)
        }
    }

    /// Unplugs the camera: stops the thread and the stream, unmaps the buffers, closes the device.
    public func stop() async {
        await stream.withLock { $0?.writer }?.stop()
        if let current = stream.withLock({ value -> Stream? in defer { value = nil }; return value }) { Self.teardown(current) }
    }

    private static func teardown(_ stream: Stream) {
        var type = bytes(of: bufferTypeOutput)
        try? stream.file.control("VIDIOC_STREAMOFF", streamOff, bytes: &type)
        for buffer in stream.buffers.list { munmap(buffer.address, buffer.length) }
        stream.file.close()
    }

    // MARK: - V4L2 structures, laid out as on 64-bit Linux

    private func setFormat(_ file: KernelDeviceFile) throws(KernelDeviceError) {
        var bytes = [UInt8](repeating: 0, count: 208)      // struct v4l2_format
        let bytesPerLine = width * format.bytesPerPixel
        Self.store(Self.bufferTypeOutput, at: 0, in: &bytes)
        // struct v4l2_pix_format at 8: width, height, pixelformat, field, bytesperline, sizeimage, colorspace.
        Self.store(UInt32(width), at: 8, in: &bytes)
        Self.store(UInt32(height), at: 12, in: &bytes)
        Self.store(format.fourcc, at: 16, in: &bytes)
        Self.store(Self.fieldNone, at: 20, in: &bytes)
        Self.store(UInt32(bytesPerLine), at: 24, in: &bytes)
        Self.store(UInt32(bytesPerLine * height), at: 28, in: &bytes)
        Self.store(Self.colorspaceSRGB, at: 32, in: &bytes)
        try file.control("VIDIOC_S_FMT", Self.setFormat, bytes: &bytes)
        let granted = (Self.load(at: 8, in: bytes), Self.load(at: 12, in: bytes), Self.load(at: 16, in: bytes))
        guard granted == (UInt32(width), UInt32(height), format.fourcc) else {
            throw KernelDeviceError("ioctl(VIDIOC_S_FMT) (the device kept \(granted.0)x\(granted.1) fourcc 0x\(String(granted.2, radix: 16)); another writer's format is still set)",
                                    on: path, errno: EBUSY)
        }
    }

    private func requestMappedBuffers(_ file: KernelDeviceFile, count: Int) throws(KernelDeviceError) -> Int {
        var bytes = [UInt8](repeating: 0, count: 20)       // struct v4l2_requestbuffers
        Self.store(UInt32(count), at: 0, in: &bytes)
        Self.store(Self.bufferTypeOutput, at: 4, in: &bytes)
        Self.store(Self.memoryMMap, at: 8, in: &bytes)
        try file.control("VIDIOC_REQBUFS", Self.requestBuffers, bytes: &bytes)
        let granted = Int(Self.load(at: 0, in: bytes))
        guard granted > 0 else { throw KernelDeviceError("ioctl(VIDIOC_REQBUFS) (no buffers granted)", on: path, errno: ENOMEM) }
        return granted
    }

    private func queryBuffer(_ file: KernelDeviceFile, index: Int) throws(KernelDeviceError) -> (offset: UInt32, length: Int) {
        var bytes = Self.buffer(index: index)
        try file.control("VIDIOC_QUERYBUF", Self.queryBuffer, bytes: &bytes)
        return (Self.load(at: 64, in: bytes), Int(Self.load(at: 72, in: bytes)))
    }

    private func dequeue(_ file: KernelDeviceFile) throws(KernelDeviceError) -> Int {
        var bytes = Self.buffer(index: 0)
        try file.control("VIDIOC_DQBUF", Self.dequeueBuffer, bytes: &bytes)
        return Int(Self.load(at: 0, in: bytes))
    }

    /// Copies the current frame into buffer `index` and queues it: one frame reaches the readers.
    private func writeFrame(_ file: KernelDeviceFile, buffers: MappedBuffers, index: Int) throws(KernelDeviceError) {
        let target = buffers.list[index % buffers.list.count]
        let used = shared.frame.withLock { frame -> Int in
            let count = min(frame.count, target.length)
            frame.withUnsafeBytes { target.address.copyMemory(from: $0.baseAddress!, byteCount: count) }
            return count
        }
        var bytes = Self.buffer(index: index)
        Self.store(UInt32(used), at: 8, in: &bytes)
        Self.store(Self.fieldNone, at: 16, in: &bytes)
        try file.control("VIDIOC_QBUF", Self.queueBuffer, bytes: &bytes)
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

    /// An `int` argument (STREAMON, STREAMOFF take the buffer type).
    private static func bytes(of value: UInt32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 4)
        store(value, at: 0, in: &bytes)
        return bytes
    }

    private static func store(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }

    private static func load(at offset: Int, in bytes: [UInt8]) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
}
