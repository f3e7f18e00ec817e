import Foundation
import Testing
import StandHardware

@Suite struct NMEASentenceTests {
    // Checksums computed by XOR of the bytes between $ and *.
    @Test func rmcGivesTheFixInDecimalDegreesAndUTC() throws {
        let sentence = try NMEASentence(parsing: "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n")
        let fix = try #require(try sentence.fix())
        #expect(abs(fix.latitude - (48 + 7.038 / 60)) < 1e-9)
        #expect(abs(fix.longitude - (11 + 31.0 / 60)) < 1e-9)
        #expect(fix.time == Date(timeIntervalSince1970: 764_426_119))   // 1994-03-23 12:35:19 UTC
    }

    @Test func ggaGivesTheFixWithAnAccuracyFromHDOP() throws {
        let day = Date(timeIntervalSince1970: 1_750_000_000)   // 2025-06-15
        let sentence = try NMEASentence(parsing: "$GPGGA,123519,4807.038,S,01131.000,W,1,08,0.9,545.4,M,46.9,M,,*48")
        let fix = try #require(try sentence.fix(on: day))
        #expect(fix.latitude < 0 && fix.longitude < 0)
        #expect(fix.accuracyMeters == 4.5)
    }

    @Test func noFixAndOtherSentencesGiveNothing() throws {
        #expect(try NMEASentence(parsing: "$GPRMC,123519,V,,,,,,,230394,,*33").fix() == nil)
        #expect(try NMEASentence(parsing: "$GPGSV,1,1,00*79").fix() == nil)
    }

    @Test(arguments: [
        ("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6B", "checksum"),
        ("hello", "not an NMEA sentence"),
        ("$GPRMC,123519,A,4807.038,X,01131.000,E,022.4,084.4,230394,003.1,W", "latitude"),
        ("$GPRMC,993519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W", "time"),
    ])
    func garbledSentencesAreRefusedWithAReason(line: String, words: String) {
        do {
            let sentence = try NMEASentence(parsing: line)
            _ = try sentence.fix()
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.description.contains(words), "\(error)")
        }
    }
}

@Suite struct GPSDReportTests {
    @Test func tpvWithAFixIsAPosition() throws {
        let report = try GPSDReport(parsing: #"{"class":"TPV","device":"/dev/ttyACM0","mode":3,"time":"2026-11-23T12:00:00.000Z","lat":52.5219,"lon":13.4132,"eph":7.5}"#)
        guard case .position(let fix?) = report else { Issue.record("no fix in \(report)"); return }
        #expect(fix.latitude == 52.5219 && fix.longitude == 13.4132)
        #expect(fix.accuracyMeters == 7.5)
        #expect(fix.time == ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z"))
    }

    @Test func tpvWithoutAFixAndOtherClasses() throws {
        #expect(try GPSDReport(parsing: #"{"class":"TPV","mode":1}"#) == .position(nil))
        #expect(try GPSDReport(parsing: #"{"class":"VERSION","release":"3.22"}"#) == .version(release: "3.22"))
        #expect(try GPSDReport(parsing: #"{"class":"SKY","satellites":[]}"#) == .other(className: "SKY"))
        #expect(try GPSDReport(parsing: #"{"class":"ERROR","message":"unrecognized request"}"#) == .error(message: "unrecognized request"))
        #expect(throws: GPSDReport.ParseError.self) { try GPSDReport(parsing: "{not json") }
        #expect(String(decoding: GPSDReport.watchCommand, as: UTF8.self) == "?WATCH={\"enable\":true,\"json\":true};\n")
    }
}
