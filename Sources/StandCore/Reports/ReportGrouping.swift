import Foundation

/// How a sales report groups its rows.
public enum ReportGrouping: String, Hashable, Sendable, Codable, CaseIterable {
    /// Calendar day in the report's time zone: "2025-06-01".
    case day
    /// Hour of a calendar day in the report's time zone: "2025-06-01 17:00".
    case hour
    /// Product id: "hotdog-classic".
    case product
    /// `SaleLocation.description` ("spot:Alexanderplatz", "gps:52.5219,13.4132"), or "unknown".
    case location

    /// The row key of a sale completed at `date`, for `day` and `hour`; nil for the other groupings.
    public func timeKey(for date: Date, in timeZone: TimeZone) -> String? {
        guard self == .day || self == .hour else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: date)
        let day = "\(Self.pad(parts.year ?? 0, 4))-\(Self.pad(parts.month ?? 0, 2))-\(Self.pad(parts.day ?? 0, 2))"
        return self == .day ? day : "\(day) \(Self.pad(parts.hour ?? 0, 2)):00"
    }

    /// The row key of a sale's location for `location` grouping.
    public static func locationKey(_ location: SaleLocation?) -> String {
        location?.description ?? "unknown"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(width - text.count, 0)) + text
    }
}
