/// A day of the week, ISO order (Monday first). Encoded as "mon" … "sun".
public enum Weekday: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case monday = "mon", tuesday = "tue", wednesday = "wed", thursday = "thu", friday = "fri"
    case saturday = "sat", sunday = "sun"

    /// 1 for Monday … 7 for Sunday.
    public var isoNumber: Int { Weekday.allCases.firstIndex(of: self)! + 1 }

    /// Monday to Friday.
    public static let workdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// From Foundation's `Calendar` weekday numbering (1 = Sunday … 7 = Saturday).
    init(gregorianWeekday: Int) {
        self = Weekday.allCases[(gregorianWeekday + 5) % 7]
    }

    /// The day before (Monday → Sunday), for windows that run past midnight.
    var previous: Weekday { Weekday.allCases[(isoNumber + 5) % 7] }

    /// "Mon", "Tue", ….
    var shortName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.isoNumber < b.isoNumber }
}
