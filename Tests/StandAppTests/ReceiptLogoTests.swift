import Foundation
import HardwareMocks
import StandCore
import StandHardware
import Testing
@testable import StandApp

@Suite struct ReceiptLogoTests {
    private func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("logo-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func checkerboard(width: Int, height: Int) -> MonochromeBitmap {
        var bitmap = MonochromeBitmap(width: width, height: height)
        for y in 0..<height { for x in 0..<width where (x / 8 + y / 8) % 2 == 0 { bitmap[x, y] = true } }
        return bitmap
    }

    @Test func pngAndPBMLogosLoadAndPrintAtTheTopOfTheReceipt() async throws {
        let logo = checkerboard(width: 96, height: 40)
        for path in [try write(PNGEncoder.encode(logo), name: "logo.png"), try write(PBMCodec.encode(logo), name: "logo.pbm")] {
            let loaded = try ReceiptLogo.load(path: path, paperWidth: .mm58)
            #expect(loaded == logo)

            let demo = try DemoStand()
            let priced = try demo.pricer.price(Cart([CartItem("hotdog")]), context: PricingContext(date: Date(timeIntervalSince1970: 1_750_000_000)))
            let sale = try Sale.make(standID: "s", operatorID: "anna", createdAt: Date(timeIntervalSince1970: 1_750_000_000),
                                     cart: priced, tenders: [.cash(given: Money(cents: 500, .eur))])
            let format = ReceiptFormat(header: .init(standName: "Logo Dogs"), paperWidth: .mm58,
                                       timeZone: TimeZone(identifier: "UTC")!, logo: loaded)
            let printer = VirtualReceiptPrinter(name: "logo test", paperWidth: .mm58)
            try await printer.start()
            try await printer.print(try format.bytes(for: sale, copy: false, journalSequence: 1, operatorName: nil))
            let receipt = try #require(printer.lastReceipt)
            #expect(receipt.images == [logo])
        }
    }

    @Test func unusableLogosAreRefusedWithWhatToDo() throws {
        let wide = try write(PBMCodec.encode(checkerboard(width: 600, height: 8)), name: "wide.pbm")
        #expect(throws: ReceiptLogo.LoadError.self) { try ReceiptLogo.load(path: wide, paperWidth: .mm80) }
        do {
            _ = try ReceiptLogo.load(path: wide, paperWidth: .mm80)
        } catch {
            #expect(error.description.contains("600 dots wide and the 80mm paper takes 576"))
        }
        let garbage = try write(Array("GIF89a....".utf8), name: "logo.gif")
        do {
            _ = try ReceiptLogo.load(path: garbage, paperWidth: .mm80)
            Issue.record("a GIF was accepted")
        } catch {
            #expect(error.description.contains("neither a PNG nor a PBM"))
        }
        var corrupt = PNGEncoder.encode(checkerboard(width: 16, height: 16))
        corrupt[corrupt.count - 20] ^= 0xFF
        let broken = try write(corrupt, name: "broken.png")
        #expect(throws: ReceiptLogo.LoadError.self) { try ReceiptLogo.load(path: broken, paperWidth: .mm80) }
        #expect(throws: ReceiptLogo.LoadError.self) { try ReceiptLogo.load(path: "/nonexistent/logo.png", paperWidth: .mm80) }
    }

    @Test func theConfigurationNamesTheLogo() throws {
        let text = try String(contentsOfFile: "docs/standd.example.toml", encoding: .utf8)
            .replacingOccurrences(of: "[receipt]\n", with: "[receipt]\nlogo = \"/etc/standkit/logo.png\"\n")
        let configuration = try StandConfiguration.parse(text)
        #expect(configuration.receiptLogoPath == "/etc/standkit/logo.png")
        #expect(throws: ConfigError.self) { try StandConfiguration.parse(text.replacingOccurrences(of: "logo = \"/etc/standkit/logo.png\"", with: "logo = 5")) }
    }
}
