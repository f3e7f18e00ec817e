import StandHardware

/// Where a camera scanner's pictures come from: a V4L2 camera through zbar's video API
/// (`CameraVideoSource`), or frames a test hands over. The scanner calls it from one reader
/// thread at a time, in this order: `configure`, `start`, `nextFrame` repeatedly, `close`.
protocol FrameSource: AnyObject, Sendable {
    /// Fixes the pixel format and takes the capture buffers (the camera is this process's now).
    func configure() throws(DeviceError)
    /// Starts capturing.
    func start() throws(DeviceError)
    /// Waits up to `milliseconds` for the next frame; nil when none came in that time. Throws
    /// a `.disconnected` error when the camera is gone.
    func nextFrame(waitingMilliseconds milliseconds: Int32) throws(DeviceError) -> Frame?
    /// Stops capturing and lets go of the camera; later calls do nothing.
    func close()
}
