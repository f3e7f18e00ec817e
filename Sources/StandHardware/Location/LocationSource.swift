import Foundation

/// Where the stand is: gpsd, an NMEA receiver, or virtual. Fixes also arrive as events.
public protocol LocationSource: Device {
    /// The most recent fix, if any arrived since the device was enabled.
    var lastFix: LocationFix? { get async }
}

/// A position report.
public struct LocationFix: Hashable, Sendable, Codable {
    /// Degrees, WGS 84.
    public let latitude: Double
    public let longitude: Double
    /// Estimated horizontal error in metres, when the receiver says.
    public let accuracyMeters: Double?
    public let time: Date

    public init(latitude: Double, longitude: Double, accuracyMeters: Double? = nil, time: Date) {
        self.latitude = latitude
        self.longitude = longitude
        self.accuracyMeters = accuracyMeters
        self.time = time
    }
}
