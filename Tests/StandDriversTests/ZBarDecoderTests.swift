import Foundation
import StandHardware
import Testing
@testable import StandDrivers

@Suite struct ZBarDecoderTests {
    static func randomPayload(unicode: Bool, using generator: inout some RandomNumberGenerator) -> String {
        let ascii = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/=?&")
        let extra = Array("äöüßéçñ€漢字ありがとう")
        let length = Int.random(in: 1...40, using: &generator)
        return String((0..<length).map { _ in
            unicode && Bool.random(using: &generator) ? extra.randomElement(using: &generator)! : ascii.randomElement(using: &generator)!
        })
    }

    @Test(arguments: [2, 3, 5, 8])
    func randomASCIIAndUTF8PayloadsRoundTrip(moduleSize: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let decoder = try ZBarDecoder()
        for unicode in [false, true] {
            let payload = Self.randomPayload(unicode: unicode, using: &generator)
            let image = try ZBarTestImage.qr(payload, moduleSize: moduleSize)
            let codes = decoder.decode(gray: image.gray, width: image.width, height: image.height)
            #expect(codes == [ScannedCode(symbology: .qr, payload: payload)], "payload \(payload)")
        }
    }

    @Test(arguments: ["-O", "--help", "-", " leading space", "trailing newline\n"])
    func payloadsThatLookLikeOptionsOrEndInWhitespaceRoundTrip(payload: String) throws {
        let image = try ZBarTestImage.qr(payload, moduleSize: 4)
        let codes = try ZBarDecoder().decode(gray: image.gray, width: image.width, height: image.height)
        #expect(codes == [ScannedCode(symbology: .qr, payload: payload)])
    }

    @Test func rotatedScaledBlurredAndLowContrastCodesStillRead() throws {
        let decoder = try ZBarDecoder()
        let payload = "https://stand.example/t/4711?x=ä€"
        let base = try ZBarTestImage.qr(payload, moduleSize: 4)
        let variants: [(String, ZBarTestImage)] = [
            ("rotated 90°", base.rotated90()),
            ("rotated 180°", base.rotated180()),
            ("scaled ×1.7", base.scaled(by: 1.7)),
            ("scaled ×0.75", base.scaled(by: 0.75)),
            ("box blurred", base.boxBlurred()),
            ("contrast 100…160", base.lowContrast()),
        ]
        for (name, image) in variants {
            let codes = decoder.decode(gray: image.gray, width: image.width, height: image.height)
            #expect(codes == [ScannedCode(symbology: .qr, payload: payload)], "\(name)")
        }
    }

    @Test func twoCodesInOneFrameAreBothFound() throws {
        let decoder = try ZBarDecoder()
        let image = try ZBarTestImage.qr("left-1", moduleSize: 4).besides(ZBarTestImage.qr("right-2", moduleSize: 4))
        let codes = decoder.decode(gray: image.gray, width: image.width, height: image.height)
        #expect(Set(codes.map(\.payload)) == ["left-1", "right-2"])
        #expect(codes.allSatisfy { $0.symbology == .qr })
    }

    @Test func aDisabledSymbologyIsNotReported() throws {
        let decoder = try ZBarDecoder(symbologies: [.ean13])
        let image = try ZBarTestImage.qr("only-qr", moduleSize: 4)
        #expect(decoder.decode(gray: image.gray, width: image.width, height: image.height) == [])
    }

    @Test func garbageImagesGiveNothingQuickly() throws {
        let decoder = try ZBarDecoder()
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<(640 * 480)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(decoder.decode(gray: noise, width: 640, height: 480) == [])
            #expect(decoder.decode(gray: [UInt8](repeating: 255, count: 640 * 480), width: 640, height: 480) == [])
            #expect(decoder.decode(gray: [0], width: 1, height: 1) == [])
            #expect(decoder.decode(gray: [1, 2, 3], width: 2, height: 2) == [])
            #expect(decoder.decode(gray: [], width: 0, height: 0) == [])
        }
        #expect(elapsed < .seconds(2))
    }
}
