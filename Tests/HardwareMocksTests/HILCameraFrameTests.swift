import HardwareMocks
import Testing

/// The frames LoopbackCameraWriter streams, built outside the VM: the picture centred on white,
/// cropped when larger than the frame, and YUYV carrying the luminance with neutral colour.
@Suite struct HILCameraFrameTests {
    static let picture = CameraPicture(width: 2, height: 2, luminance: [1, 2, 3, 4])

    @Test func aSmallPictureIsCentredOnWhite() {
        let frame = CameraPicture.frame(showing: Self.picture, format: .grey, width: 4, height: 4)
        #expect(frame == [255, 255, 255, 255,
                          255, 1, 2, 255,
                          255, 3, 4, 255,
                          255, 255, 255, 255])
    }

    @Test func aLargerPictureIsCroppedAroundItsCentre() {
        let large = CameraPicture(width: 4, height: 4, luminance: Array(1...16))
        #expect(CameraPicture.frame(showing: large, format: .grey, width: 2, height: 2) == [6, 7, 10, 11])
    }

    @Test func yuyvHoldsEachPixelsLuminanceAndNoColour() {
        let frame = CameraPicture.frame(showing: Self.picture, format: .yuyv, width: 2, height: 2)
        #expect(frame == [1, 128, 2, 128, 3, 128, 4, 128])
        #expect(CameraPicture.frame(showing: nil, format: .yuyv, width: 2, height: 1) == [255, 128, 255, 128])
    }

    @Test func theFourccsAreV4L2s() {
        #expect(CameraPicture.PixelFormat.grey.fourcc == 0x5945_5247)   // v4l2_fourcc('G', 'R', 'E', 'Y')
        #expect(CameraPicture.PixelFormat.yuyv.fourcc == 0x5659_5559)   // v4l2_fourcc('Y', 'U', 'Y', 'V')
    }
}
