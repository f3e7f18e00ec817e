import Foundation

/// One NMEA 0183 sentence from a GPS receiver on a serial line: `$GPRMC,…*hh`. Only what a stand
/// needs is decoded: the fix of RMC (recommended minimum) and GGA (fix data) sentences.
public struct NMEASentence: Hashable, Sendable {
    /// "GPRMC", "GNGGA".
    public let type: String
    public let fields: [String]

    /// Why a line is not a usable sentence.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case notASentence(String)
        case checksumMismatch(expected: UInt8, found: UInt8)
        case badField(type: String, field: String, value: String)

        public var description: String {
            switch self {
            case .notASentence(let line): "not an NMEA sentence: \(line.prefix(40))"
            case .checksumMismatch(let expected, let found):
                "NMEA checksum mismatch (computed \(String(expected, radix: 16)), sentence says \(String(found, radix: 16))): the serial line garbles data; check baud rate and cable"
            case .badField(let type, let field, let value): "\(type): \(field) '\(value)' is not valid"
            }
        }
    }

    /// Parses one line (with or without CR LF). The checksum, when present, must match.
    public init(parsing line: String) throws(ParseError) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("$") || trimmed.hasPrefix("!"), trimmed.count > 6, trimmed.allSatisfy(\.isASCII) else {
            throw .notASentence(trimmed)
        }
        var body = Substring(trimmed.dropFirst())
        if let star = body.lastIndex(of: "*") {
            let checksumText = body[body.index(after: star)...]
            guard checksumText.count == 2, let found = UInt8(checksumText, radix: 16) else { throw .notASentence(trimmed) }
            body = body[..<star]
            let computed = body.utf8.reduce(UInt8(0), ^)
            guard computed == found else { throw .checksumMismatch(expected: computed, found: found) }
        }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 5 else { throw .notASentence(trimmed) }
        type = first
        fields = Array(parts.dropFirst())
    }

    /// The position this sentence reports, if it is an RMC or GGA sentence with a valid fix.
    /// `day` supplies the date for GGA, which carries only the time of day.
    public func fix(on day: Date = Date()) throws(ParseError) -> LocationFix? {
        let kind = type.suffix(3)
        switch kind {
        case "RMC":
            // time, status A/V, lat, N/S, lon, E/W, speed, course, date ddmmyy
            guard fields.count >= 9, fields[1] == "A" else { return nil }
            let position = try coordinates(latitude: 2, longitude: 4)
            let time = try timestamp(time: fields[0], date: fields[8])
            return LocationFix(latitude: position.0, longitude: position.1, time: time)
        case "GGA":
            // time, lat, N/S, lon, E/W, quality, satellites, HDOP, altitude…
            guard fields.count >= 8, let quality = Int(fields[5]), quality > 0 else { return nil }
            let position = try coordinates(latitude: 1, longitude: 3)
            let accuracy = Double(fields[7]).map { $0 * 5 }
            return LocationFix(latitude: position.0, longitude: position.1, accuracyMeters: accuracy,
                               time: try timestamp(time: fields[0], on: day))
        default:
            return nil
        }
    }

    private func coordinates(latitude: Int, longitude: Int) throws(ParseError) -> (Double, Double) {
        let lat = try degrees(fields[latitude], hemisphere: fields[latitude + 1], degreeDigits: 2, field: "latitude", positive: "N", negative: "S")
        let lon = try degrees(fields[longitude], hemisphere: fields[longitude + 1], degreeDigits: 3, field: "longitude", positive: "E", negative: "W")
        return (lat, lon)
    }

    /// "5231.3140" with "N" → 52 + 31.3140 / 60.
    private func degrees(_ text: String, hemisphere: String, degreeDigits: Int, field: String,
                         positive: String, negative: String) throws(ParseError) -> Double {
        guard text.count > degreeDigits, let whole = Double(text.prefix(degreeDigits)),
              let minutes = Double(text.dropFirst(degreeDigits)), minutes < 60,
              hemisphere == positive || hemisphere == negative else {
            throw .badField(type: type, field: field, value: "\(text) \(hemisphere)")
        }
        let value = whole + minutes / 60
        guard value <= (degreeDigits == 2 ? 90 : 180) else { throw .badField(type: type, field: field, value: text) }
        return hemisphere == negative ? -value : value
    }

    private func timestamp(time: String, date: String) throws(ParseError) -> Date {
        guard date.count == 6, let day = Int(date.prefix(2)), let month = Int(date.dropFirst(2).prefix(2)),
              let year = Int(date.suffix(2)) else { throw .badField(type: type, field: "date", value: date) }
        // Two-digit years: 80–99 are 1980–1999 (GPS began in 1980), the rest 2000–2079.
        var components = DateComponents(year: year >= 80 ? 1900 + year : 2000 + year, month: month, day: day)
        try setTime(time, into: &components)
        return try Self.utc(components, type: type, value: date)
    }

    private func timestamp(time: String, on day: Date) throws(ParseError) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var components = calendar.dateComponents([.year, .month, .day], from: day)
        try setTime(time, into: &components)
        return try Self.utc(components, type: type, value: time)
    }

    private func setTime(_ time: String, into components: inout DateComponents) throws(ParseError) {
        guard time.count >= 6, let hour = Int(time.prefix(2)), let minute = Int(time.dropFirst(2).prefix(2)),
              let seconds = Double(time.dropFirst(4)), hour < 24, minute < 60, seconds < 61 else {
            throw .badField(type: type, field: "time", value: time)
        }
        components.hour = hour
        components.minute = minute
        components.second = Int(seconds)
        components.nanosecond = Int((seconds - seconds.rounded(.down)) * 1_000_000_000)
    }

    private static func utc(_ components: DateComponents, type: String, value: String) throws(ParseError) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { throw .badField(type: type, field: "date", value: value) }
        return date
    }
}
