#if canImport(Glibc)
import Glibc
#endif
import StandHardware
import Synchronization
@testable import StandDrivers

/// Camera frames built from a grayscale test image in the formats a V4L2 camera delivers.
extension ZBarTestImage {
    /// The image with a white column added when its width is odd (YUYV pairs pixels).
    var evenWidth: ZBarTestImage {
        guard width % 2 == 1 else { return self }
        var out: [UInt8] = []
        for y in 0..<height { out += gray[(y * width)..<((y + 1) * width)] + [255] }
        return ZBarTestImage(width: width + 1, height: height, gray: out)
    }

    func frame(_ format: FrameFormat) -> Frame {
        let image = format == .yuyv ? evenWidth : self
        let bytes: [UInt8] = switch format {
        // Y0 U Y1 V: luminance of each pixel, no colour (U = V = 128).
        case .yuyv: image.gray.flatMap { [$0, 128] }
        case .grey: image.gray
        case .rgb3: image.gray.flatMap { [$0, $0, $0] }
        }
        return Frame(format: format, width: image.width, height: image.height, bytes: bytes)
    }
}

/// Frames handed over by a test instead of a camera; counts how often it is closed.
final class MemoryFrameSource: FrameSource {
    private struct State {
        var frames: [Frame] = []
        var unplugged = false
        var configured = false
        var started = false
        var closes = 0
    }

    private let state = Mutex(State())
    private let configureError: DeviceError?

    init(configureError: DeviceError? = nil) {
        self.configureError = configureError
    }

    var closeCount: Int { state.withLock { $0.closes } }
    var isStarted: Bool { state.withLock { $0.started } }

    func push(_ frames: Frame...) {
        state.withLock { $0.frames += frames }
    }

    /// The next read fails as an unplugged camera's does.
    func unplug() {
        state.withLock { $0.unplugged = true }
    }

    func configure() throws(DeviceError) {
        if let configureError { throw configureError }
        state.withLock { $0.configured = true }
    }

    func start() throws(DeviceError) {
        try state.withLock { (value: inout State) throws(DeviceError) in
            guard value.configured else { throw .wrongState(.opened, "start capturing before the format is set") }
            value.started = true
        }
    }

    func nextFrame(waitingMilliseconds milliseconds: Int32) throws(DeviceError) -> Frame? {
        let next = try state.withLock { (value: inout State) throws(DeviceError) -> Frame? in
            if value.unplugged { throw .disconnected(.scanner, detail: "VIDIOC_DQBUF on the test camera failed: No such device") }
            return value.frames.isEmpty ? nil : value.frames.removeFirst()
        }
        if next == nil { usleep(UInt32(min(milliseconds, 5)) * 1000) }
        return next
    }

    func close() {
        state.withLock { $0.closes += 1 }
    }
}
