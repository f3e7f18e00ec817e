import StandDrivers
import Testing

/// The frames LoopbackCameraWriter streams, built outside the VM: the picture centred on white,
/// cropped when larger than the frame, and YUYV carrying the luminance with neutral colour.
@Suite struct HILCameraFrameTests {
    static let image = ZBarTestImage(width: 2, height: 2, gray: [1, 2, 3, 4])

    @Test func aSmallPictureIsCentredOnWhite() {
        let frame = LoopbackCameraWriter.canvas(Self.image, format: .grey, width: 4, height: 4)
        #expect(frame == [255, 255, 255, 255,
                          255, 1, 2, 255,
                          255, 3, 4, 255,
                          255, 255, 255, 255])
    }

    @Test func aLargerPictureIsCroppedAroundItsCentre() {
        let large = ZBarTestImage(width: 4, height: 4, gray: Array(1...16))
        #expect(LoopbackCameraWriter.canvas(large, format: .grey, width: 2, height: 2) == [6, 7, 10, 11])
    }

    @Test func yuyvHoldsEachPixelsLuminanceAndNoColour() {
        let frame = LoopbackCameraWriter.canvas(Self.image, format: .yuyv, width: 2, height: 2)
        #expect(frame == [1, 128, 2, 128, 3, 128, 4, 128])
        #expect(LoopbackCameraWriter.canvas(nil, format: .yuyv, width: 2, height: 1) == [255, 128, 255, 128])
    }
}
