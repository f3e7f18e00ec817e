import Testing
@testable import StandHardware

@Suite struct StatusParserTests {
    @Test func requestsAreDLEEOTn() {
        #expect(StatusRequest.allCases.map(\.command) == [[0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 3], [0x10, 0x04, 4]])
    }

    @Test func allClearRepliesGiveAReadyPrinter() throws {
        let status = try PrinterStatusParser.status(printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12)
        #expect(status == PrinterStatus(online: true, paper: .ok, coverOpen: false, mechanicalError: false, drawerSensorHigh: false))
        #expect(status.isReady)
    }

    @Test(arguments: [
        (StatusRequest.printer, UInt8(0x16), StatusReply.printer(drawerPin3High: true, offline: false, waitingForRecovery: false, feedButtonPressed: false)),
        (.printer, 0x1A, .printer(drawerPin3High: false, offline: true, waitingForRecovery: false, feedButtonPressed: false)),
        (.printer, 0x3A, .printer(drawerPin3High: false, offline: true, waitingForRecovery: true, feedButtonPressed: false)),
        (.printer, 0x52, .printer(drawerPin3High: false, offline: false, waitingForRecovery: false, feedButtonPressed: true)),
        (.offlineCause, 0x16, .offlineCause(coverOpen: true, feedingByButton: false, paperEndStop: false, errorOccurred: false)),
        (.offlineCause, 0x1A, .offlineCause(coverOpen: false, feedingByButton: true, paperEndStop: false, errorOccurred: false)),
        (.offlineCause, 0x32, .offlineCause(coverOpen: false, feedingByButton: false, paperEndStop: true, errorOccurred: false)),
        (.offlineCause, 0x52, .offlineCause(coverOpen: false, feedingByButton: false, paperEndStop: false, errorOccurred: true)),
        (.errorCause, 0x1A, .errorCause(mechanical: false, autocutter: true, unrecoverable: false, autoRecoverable: false)),
        (.errorCause, 0x32, .errorCause(mechanical: false, autocutter: false, unrecoverable: true, autoRecoverable: false)),
        (.errorCause, 0x52, .errorCause(mechanical: false, autocutter: false, unrecoverable: false, autoRecoverable: true)),
        (.paperSensor, 0x1E, .paperSensor(nearEnd: true, end: false)),
        (.paperSensor, 0x7E, .paperSensor(nearEnd: true, end: true)),
        (.paperSensor, 0x72, .paperSensor(nearEnd: false, end: true)),
    ])
    func eachBitReadsAsItsCondition(request: StatusRequest, byte: UInt8, reply: StatusReply) throws {
        #expect(try PrinterStatusParser.parse(byte, for: request) == reply)
        #expect(reply.byte == byte)
        #expect(reply.request == request)
    }

    @Test func oneSensorBitOfAPairCounts() throws {
        #expect(try PrinterStatusParser.parse(0x16, for: .paperSensor) == .paperSensor(nearEnd: true, end: false))
        #expect(try PrinterStatusParser.parse(0x52, for: .paperSensor) == .paperSensor(nearEnd: false, end: true))
    }

    @Test(arguments: [UInt8(0x00), 0x13, 0x92, 0x10, 0x02, 0xFF, 0x93])
    func brokenFixedBitsAreAProtocolError(byte: UInt8) {
        #expect(throws: EscPosError.self) { try PrinterStatusParser.parse(byte, for: .printer) }
        do {
            _ = try PrinterStatusParser.parse(byte, for: .paperSensor)
            Issue.record("0x\(String(byte, radix: 16)) was accepted")
        } catch {
            #expect(error.description.contains("DLE EOT 4"))
            #expect(error.deviceError.code == .protocolViolation)
        }
    }

    @Test func paperOutCoverOpenAndOfflineCombine() throws {
        let status = try PrinterStatusParser.status(printer: 0x1A, offlineCause: 0x36, errorCause: 0x12, paperSensor: 0x7E)
        #expect(!status.online && status.coverOpen && status.paper == .out && !status.mechanicalError)
        #expect(status.blockingError == .coverOpen)
    }

    @Test func nearEndIsLowPaperButStillReady() throws {
        let status = try PrinterStatusParser.status(printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x1E)
        #expect(status.paper == .low && status.isReady)
    }

    @Test func cutterErrorIsMechanical() throws {
        let status = try PrinterStatusParser.status(printer: 0x1A, offlineCause: 0x52, errorCause: 0x1A, paperSensor: 0x12)
        #expect(status.mechanicalError)
        #expect(status.blockingError?.code == .jammed)
    }

    @Test func drawerPin3IsReported() throws {
        var status = PrinterStatus()
        PrinterStatusParser.apply(try PrinterStatusParser.parse(0x16, for: .printer), to: &status)
        #expect(status.drawerSensorHigh == true)
        PrinterStatusParser.apply(try PrinterStatusParser.parse(0x12, for: .printer), to: &status)
        #expect(status.drawerSensorHigh == false)
    }
}
