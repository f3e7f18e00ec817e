import Foundation

/// Recurring hours on some weekdays, in the stand's time zone: happy hour Mon–Fri 17:00–19:00.
///
/// `from` is inclusive and `until` exclusive. A window whose `until` is earlier than its `from`
/// runs past midnight (Fri 22:00–02:00 covers Saturday 01:30) and belongs to the weekday it
/// starts on. `from == until` covers the whole of each listed day.
public struct TimeWindow: Hashable, Sendable, Codable, CustomStringConvertible {
    public let weekdays: [Weekday]
    public let from: TimeOfDay
    public let until: TimeOfDay

    /// Weekdays are stored sorted and without duplicates.
    public init(weekdays: [Weekday], from: TimeOfDay, until: TimeOfDay) {
        self.weekdays = Array(Set(weekdays)).sorted()
        self.from = from
        self.until = until
    }

    /// Whether `date`, seen on a wall clock in `timeZone`, falls inside the window.
    public func contains(_ date: Date, in timeZone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        guard let gregorianWeekday = parts.weekday, let hour = parts.hour, let minute = parts.minute else { return false }
        let day = Weekday(gregorianWeekday: gregorianWeekday)
        let now = hour * 60 + minute
        let start = from.minuteOfDay, end = until.minuteOfDay
        if start == end { return weekdays.contains(day) }
        if start < end { return weekdays.contains(day) && now >= start && now < end }
        return (weekdays.contains(day) && now >= start) || (weekdays.contains(day.previous) && now < end)
    }

    /// "Mon-Fri 17-19", "Sat-Sun 11:30-14:00", "daily 06-10": ASCII, so any receipt printer prints it.
    public var description: String {
        "\(daysLabel) \(hoursLabel(from))-\(hoursLabel(until))"
    }

    private var daysLabel: String {
        if weekdays.count == 7 { return "daily" }
        var runs: [[Weekday]] = []
        for day in weekdays {
            if let last = runs.last?.last, last.isoNumber + 1 == day.isoNumber {
                runs[runs.count - 1].append(day)
            } else {
                runs.append([day])
            }
        }
        return runs.map { run in
            run.count >= 3 ? "\(run[0].shortName)-\(run[run.count - 1].shortName)"
                           : run.map(\.shortName).joined(separator: ", ")
        }.joined(separator: ", ")
    }

    private func hoursLabel(_ time: TimeOfDay) -> String {
        guard time.minute == 0 else { return time.description }
        return time.hour < 10 ? "0\(time.hour)" : "\(time.hour)"
    }
}
