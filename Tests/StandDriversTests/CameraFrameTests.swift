import StandHardware
import Testing
@testable import StandDrivers

/// Frames in the camera formats converted to grayscale by zbar and decoded.
@Suite struct CameraFrameTests {
    @Test(arguments: FrameFormat.allCases)
    func eachFormatConvertsToTheImagesLuminanceAndDecodes(_ format: FrameFormat) throws {
        let image = try ZBarTestImage.qr("https://r.example/F-\(format.rawValue)?q=1", moduleSize: 3).evenWidth
        let frame = image.frame(format)
        let gray = try #require(frame.luminance(with: ZBarLibrary.shared()))
        #expect(gray.count == image.width * image.height)
        let largestDifference = zip(gray, image.gray).map { abs(Int($0) - Int($1)) }.max() ?? 255
        #expect(largestDifference <= 2, "zbar's \(format.rawValue) to Y800 conversion changed a pixel by \(largestDifference)")
        let decoder = try ZBarDecoder()
        #expect(decoder.decode(gray: gray, width: frame.width, height: frame.height)
            == [ScannedCode(symbology: .qr, payload: "https://r.example/F-\(format.rawValue)?q=1")])
    }

    @Test func framesWhoseDataDoesNotMatchTheirSizeAreNotConverted() throws {
        let zbar = try ZBarLibrary.shared()
        #expect(Frame(format: .yuyv, width: 4, height: 2, bytes: [UInt8](repeating: 9, count: 15)).luminance(with: zbar) == nil)
        #expect(Frame(format: .rgb3, width: 4, height: 2, bytes: [UInt8](repeating: 9, count: 23)).luminance(with: zbar) == nil)
        #expect(Frame(format: .yuyv, width: 3, height: 2, bytes: [UInt8](repeating: 9, count: 12)).luminance(with: zbar) == nil)
        #expect(Frame(format: .grey, width: 0, height: 5, bytes: []).luminance(with: zbar) == nil)
        #expect(Frame(format: .grey, width: -2, height: -2, bytes: [1, 2, 3, 4]).luminance(with: zbar) == nil)
        #expect(Frame(format: .grey, width: 2, height: 2, bytes: [10, 20, 30, 40, 50]).luminance(with: zbar) == [10, 20, 30, 40])
    }

    @Test func fourccCodesAreTheV4L2Ones() {
        #expect(FrameFormat.yuyv.fourcc == 0x5659_5559)   // v4l2_fourcc('Y','U','Y','V')
        #expect(FrameFormat.grey.fourcc == 0x5945_5247)
        #expect(FrameFormat.rgb3.fourcc == 0x3342_4752)
        #expect(FrameFormat(fourcc: 0x5659_5559) == .yuyv)
        #expect(FrameFormat(fourcc: 0x4750_4A4D) == nil)    // MJPG
        #expect(FrameFormat(rawValue: "GREY") == .grey)
    }
}
