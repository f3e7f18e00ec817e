/// A day of the year as the terminal reports it (BMP 0D, MMDD); ZVT sends no year.
public struct ZVTDate: Hashable, Sendable, Codable {
    public let month: Int
    public let day: Int

    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }
}

/// A time of day as the terminal reports it (BMP 0C, HHMMSS), the terminal's local time.
public struct ZVTTime: Hashable, Sendable, Codable {
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init(hour: Int, minute: Int, second: Int) {
        self.hour = hour
        self.minute = minute
        self.second = second
    }
}

/// A card's expiry month (BMP 0E, YYMM): `year` is the two digits printed on the card.
public struct ZVTExpiry: Hashable, Sendable, Codable {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }
}
