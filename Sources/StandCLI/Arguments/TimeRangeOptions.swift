import ArgumentParser
import Foundation

/// `--from`/`--to`/`--today`: a half-open time range in the stand's time zone.
struct TimeRangeOptions: ParsableArguments {
    @Option(help: "Start, inclusive: YYYY-MM-DD or YYYY-MM-DDTHH:MM, in the stand's time zone.")
    var from: String?

    @Option(help: "End, exclusive: YYYY-MM-DD or YYYY-MM-DDTHH:MM, in the stand's time zone.")
    var to: String?

    @Flag(help: "Only today, in the stand's time zone.")
    var today = false

    @Option(name: .customLong("time-zone"), help: "IANA time zone for dates and hours (default: the machine's).")
    var timeZoneName: String?

    func timeZone() throws -> TimeZone {
        try Self.timeZone(named: timeZoneName)
    }

    static func timeZone(named name: String?) throws -> TimeZone {
        guard let name else { return .current }
        guard let zone = TimeZone(identifier: name) else {
            throw CommandError("unknown time zone '\(name)'; use an IANA name such as Europe/Berlin")
        }
        return zone
    }

    /// The range asked for; open ends are the distant past and future.
    func range(now: Date = Date()) throws -> Range<Date> {
        let zone = try timeZone()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        if today {
            guard from == nil, to == nil else { throw CommandError("--today cannot be combined with --from or --to") }
            let start = calendar.startOfDay(for: now)
            return start..<calendar.date(byAdding: .day, value: 1, to: start)!
        }
        let start = try from.map { try Self.parse($0, option: "--from", calendar: calendar) } ?? .distantPast
        let end = try to.map { try Self.parse($0, option: "--to", calendar: calendar) } ?? .distantFuture
        guard start < end else { throw CommandError("--from must be before --to") }
        return start..<end
    }

    static func parse(_ text: String, option: String, calendar: Calendar) throws -> Date {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        let day = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let time = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) } : [0, 0]
        guard parts.count <= 2, day.count == 3, time.count == 2,
              let y = day[0], let m = day[1], let d = day[2], let hh = time[0], let mm = time[1],
              (1...12).contains(m), (1...31).contains(d), (0...23).contains(hh), (0...59).contains(mm)
        else {
            throw CommandError("\(option) '\(text)' is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM")
        }
        let components = DateComponents(year: y, month: m, day: d, hour: hh, minute: mm)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == d else {
            throw CommandError("\(option) '\(text)' is not a day of the calendar")
        }
        return date
    }
}
