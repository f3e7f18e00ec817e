import Foundation
import HardwareMocks
import StandHardware
import Testing

@Suite struct ScriptedInputTests {
    @Test func scannerEmitsCodesOnlyWhenEnabled() async throws {
        let scanner = ScriptedScanner()
        let recorder = EventRecorder(scanner)
        #expect(!scanner.scan(payload: "lost"))
        try await scanner.start()
        #expect(scanner.scan(payload: "4006381333931", symbology: .ean13))
        #expect(scanner.scan(ScannedCode(symbology: .qr, payload: "voucher:7")))
        let events = await recorder.wait { $0.filter { if case .codeScanned = $0 { true } else { false } }.count == 2 }
        #expect(events.compactMap { if case .codeScanned(let code) = $0 { code } else { nil } } ==
                [ScannedCode(symbology: .ean13, payload: "4006381333931"), ScannedCode(symbology: .qr, payload: "voucher:7")])
    }

    @Test func keypadPressesKeysInOrderWithRisingTimestamps() async throws {
        let keypad = ScriptedKeypad(millisecondsPerKey: 100)
        try await keypad.start()
        let recorder = EventRecorder(keypad)
        keypad.press(.product(1), .quantity)
        keypad.type("2.5")
        keypad.press(.cash, .enter)
        let events = await recorder.wait { $0.count == 7 }
        let presses = events.compactMap { if case .keyPressed(let key) = $0 { key } else { nil } }
        #expect(presses.map(\.key) == [.product(1), .quantity, .digit(2), .decimalPoint, .digit(5), .cash, .enter])
        #expect(presses.map(\.timestampMilliseconds) == [100, 200, 300, 400, 500, 600, 700])
    }

    @Test func locationSourceKeepsTheLastFix() async throws {
        let gps = FakeLocationSource()
        try await gps.start()
        let recorder = EventRecorder(gps)
        #expect(await gps.lastFix == nil)
        let time = Date(timeIntervalSince1970: 1_800_000_000)
        gps.move(latitude: 52.52, longitude: 13.405, time: time)
        let fix = LocationFix(latitude: 52.52, longitude: 13.405, accuracyMeters: 5, time: time)
        #expect(await gps.lastFix == fix)
        #expect(await recorder.wait(for: .locationFix(fix)).contains(.locationFix(fix)))
    }
}
