import Foundation

/// One line gpsd sends a client that asked `?WATCH={"enable":true,"json":true}` (the gpsd JSON
/// protocol). Only what a stand needs is decoded; other classes are `.other`.
public enum GPSDReport: Hashable, Sendable {
    case version(release: String)
    /// A time-position-velocity report; `fix` is nil while the receiver has no 2D/3D fix.
    case position(LocationFix?)
    case error(message: String)
    case other(className: String)

    /// The command that starts the stream of reports.
    public static let watchCommand = Array(#"?WATCH={"enable":true,"json":true};"#.utf8) + [0x0A]

    /// Why a line from gpsd cannot be used.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public let line: String
        public let problem: String
        public var description: String { "gpsd sent a line that is not a report (\(problem)): \(line.prefix(60))" }
    }

    private struct Envelope: Decodable {
        let `class`: String
        let release: String?
        let mode: Int?
        let lat: Double?
        let lon: Double?
        let eph: Double?
        let epx: Double?
        let epy: Double?
        let time: String?
        let message: String?
    }

    /// Parses one JSON line.
    public init(parsing line: String) throws(ParseError) {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(line.utf8))
        } catch {
            throw ParseError(line: line, problem: "not gpsd JSON")
        }
        switch envelope.class {
        case "VERSION":
            self = .version(release: envelope.release ?? "?")
        case "ERROR":
            self = .error(message: envelope.message ?? "unknown error")
        case "TPV":
            guard let mode = envelope.mode, mode >= 2, let lat = envelope.lat, let lon = envelope.lon,
                  (-90...90).contains(lat), (-180...180).contains(lon) else {
                self = .position(nil)
                return
            }
            let time = envelope.time.flatMap(Self.parseTime) ?? Date()
            let accuracy = envelope.eph ?? zip2(envelope.epx, envelope.epy).map { max($0, $1) }
            self = .position(LocationFix(latitude: lat, longitude: lon, accuracyMeters: accuracy, time: time))
        default:
            self = .other(className: envelope.class)
        }
    }

    private static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
