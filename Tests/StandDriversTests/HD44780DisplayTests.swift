import Foundation
import StandHardware
import Testing
@testable import StandDrivers

@Suite struct HD44780DisplayTests {
    let encoder = HD44780Encoder()

    @Test func nibblesStrobeEnableWithBacklightAndRegisterSelect() {
        // 'A' = 0x41 as data: high nibble 4 then low nibble 1, each with E (0x04) high then low,
        // backlight (0x08) and RS (0x01) set.
        #expect(encoder.row(0, "A").last?.bytes.prefix(4) == [0x4D, 0x49, 0x1D, 0x19])
        var dark = HD44780Encoder()
        dark.backlight = false
        #expect(dark.command(0x01) == .init([0x04, 0x00, 0x14, 0x10], pauseMicroseconds: 2_000))
        #expect(dark.backlightWrite() == .init([0x00], pauseMicroseconds: 0))
    }

    @Test func initialisationIsTheFourBitSequence() {
        let writes = encoder.initialization()
        #expect(writes.map(\.bytes) == [
            [0x08],
            [0x3C, 0x38], [0x3C, 0x38], [0x3C, 0x38], [0x2C, 0x28],
            [0x2C, 0x28, 0x8C, 0x88],   // function set: 4-bit, 2 lines, 5×8
            [0x0C, 0x08, 0x8C, 0x88],   // display off
            [0x0C, 0x08, 0x1C, 0x18],   // clear
            [0x0C, 0x08, 0x6C, 0x68],   // entry mode: increment
            [0x0C, 0x08, 0xCC, 0xC8],   // display on, no cursor
        ])
        #expect(writes.map(\.pauseMicroseconds) == [50_000, 4_500, 150, 150, 150, 50, 50, 2_000, 50, 50])
    }

    @Test func rowsStartAtTheirDDRAMAddresses() {
        for (row, address) in [(0, 0x00), (1, 0x40), (2, 0x14), (3, 0x54)] {
            let command = UInt8(0x80 | address)
            #expect(encoder.row(row, "x").first?.bytes == [command & 0xF0 | 0x0C, command & 0xF0 | 0x08,
                                                           command << 4 | 0x0C, command << 4 | 0x08])
            #expect(encoder.row(row, "x").last?.bytes.count == 20 * 4)
        }
    }

    @Test func charactersOutsideTheROMAreTransliterated() {
        #expect(HD44780Encoder.characterCodes("Käse 2,50€", columns: 20)
                == Array("K".utf8) + [0xE1] + Array("se 2,50EUR".utf8) + Array(repeating: 0x20, count: 8))
        #expect(HD44780Encoder.characterCodes("Äpfel 5°C \\ 日", columns: 14) == Array("Aepfel 5".utf8) + [0xDF] + Array("C ? ?".utf8))
        #expect(HD44780Encoder.characterCodes("abcdefghijklmnopqrstuvwxyz", columns: 20).count == 20)
    }

    @Test func onlyChangedRowsAreRewritten() {
        let before = DisplayFrame(["Kaffee   2.50", "", "SUMME    2.50", ""], geometry: .lcd20x4)
        let after = DisplayFrame(["Kaffee   2.50", "Kuchen   3.00", "SUMME    5.50", ""], geometry: .lcd20x4)
        let writes = encoder.update(from: before, to: after)
        #expect(writes == encoder.row(1, after.lines[1]) + encoder.row(2, after.lines[2]))
        #expect(encoder.update(from: after, to: after).isEmpty)
        #expect(encoder.update(from: nil, to: after).count == 8)
    }

    @Test func theDriverWritesTheStreamThroughTheFile() async throws {
        let path = NSTemporaryDirectory() + "i2c-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let display = HD44780Display(settings: .init(path: path, selectsI2CAddress: false))
        try await display.start()
        let first = DisplayFrame(["Hallo", "", "", ""], geometry: .lcd20x4)
        try await display.show(first)
        try await display.show(DisplayFrame(["Hallo", "Welt", "", ""], geometry: .lcd20x4))
        await display.close()
        #expect(await display.state == .closed)
        let expected = encoder.initialization() + encoder.update(from: nil, to: first)
            + encoder.row(1, "Welt")
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect([UInt8](written) == expected.flatMap(\.bytes))
    }

    @Test func selectingTheAddressOnAPlainFileFailsClearly() async throws {
        let path = NSTemporaryDirectory() + "i2c-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let display = HD44780Display(settings: .init(path: path, address: 0x3F))
        do {
            try await display.open()
            Issue.record("I2C_SLAVE on a plain file succeeded")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.summary == "\(path) is not an I²C bus, so the display cannot be reached there.")
            #expect(error.detail?.hasPrefix("ioctl(I2C_SLAVE) on \(path) failed") == true)
        }
        #expect(await display.state == .closed)
        await #expect(throws: DeviceError.self) { try await display.show(DisplayFrame([], geometry: .lcd20x4)) }
    }

    @Test func aMissingBusIsNotFound() async {
        let display = HD44780Display(settings: .init(path: "/nonexistent/i2c-9"))
        do {
            try await display.open()
            Issue.record("opening a missing bus succeeded")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.summary == "No display found at /nonexistent/i2c-9.")
        }
    }
}
