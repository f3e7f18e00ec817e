import StandHardware
import Testing
@testable import StandDrivers

@Suite struct ScannerDebounceTests {
    let qr = ScannedCode(symbology: .qr, payload: "ticket-1")
    let ean = ScannedCode(symbology: .ean13, payload: "4006381333931")

    @Test func theSameCodeWithinTheWindowIsOneScan() {
        var debouncer = ScanDebouncer()
        let start = ContinuousClock.Instant.now
        #expect(debouncer.accept([qr], at: start) == [qr])
        #expect(debouncer.accept([qr], at: start + .milliseconds(300)) == [])
        #expect(debouncer.accept([qr, qr], at: start + .milliseconds(900)) == [])
    }

    @Test func aCodeHeldStillStaysOneScanAndCountsAgainAfterAGap() {
        var debouncer = ScanDebouncer()
        let start = ContinuousClock.Instant.now
        #expect(debouncer.accept([qr], at: start) == [qr])
        for frame in 1...30 { #expect(debouncer.accept([qr], at: start + .milliseconds(100 * frame)) == []) }
        #expect(debouncer.accept([qr], at: start + .milliseconds(3000 + 1001)) == [qr])
    }

    @Test func differentCodesAreSeparateScansAndDuplicatesInOneFrameCountOnce() {
        var debouncer = ScanDebouncer()
        let start = ContinuousClock.Instant.now
        #expect(debouncer.accept([qr, ean, qr], at: start) == [qr, ean])
        #expect(debouncer.accept([ean], at: start + .milliseconds(500)) == [])
        #expect(debouncer.accept([ean], at: start + .milliseconds(1400)) == [])
        #expect(debouncer.accept([qr], at: start + .milliseconds(1500)) == [qr])
    }
}
