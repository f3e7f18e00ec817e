/// Where a sale happened: a GPS fix, or a spot the operator picked on the keypad.
public enum SaleLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Degrees, WGS 84. Build it with `SaleLocation.gps(latitude:longitude:)`, which checks the range.
    case fix(GPSFix)
    /// A named spot: "Alexanderplatz north exit".
    case spot(String)

    /// A GPS fix; throws when the coordinates are outside the earth's ranges.
    public static func gps(latitude: Double, longitude: Double) throws(SaleError) -> SaleLocation {
        .fix(try GPSFix(latitude: latitude, longitude: longitude))
    }

    /// A named spot; throws for an empty name.
    public static func named(_ name: String) throws(SaleError) -> SaleLocation {
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .emptyLocationName }
        return .spot(String(trimmed))
    }

    /// The label reports group by: "spot:Alexanderplatz" or "gps:52.5219,13.4132" (4 decimals, about 11 m).
    public var description: String {
        switch self {
        case .spot(let name): "spot:\(name)"
        case .fix(let fix): "gps:\(fix.roundedLabel)"
        }
    }
}

/// A latitude/longitude pair in degrees, checked to lie within ±90 / ±180.
public struct GPSFix: Hashable, Sendable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) throws(SaleError) {
        guard latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude), (-180...180).contains(longitude) else {
            throw .invalidLocation(latitude: latitude, longitude: longitude)
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(latitude: container.decode(Double.self, forKey: .latitude),
                      longitude: container.decode(Double.self, forKey: .longitude))
    }

    private enum CodingKeys: String, CodingKey { case latitude, longitude }

    /// Both coordinates to 4 decimals, without floating-point formatting surprises.
    var roundedLabel: String { "\(Self.fourDecimals(latitude)),\(Self.fourDecimals(longitude))" }

    private static func fourDecimals(_ value: Double) -> String {
        let scaled = Int64((value * 10_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        let fraction = String(magnitude % 10_000)
        return "\(sign)\(magnitude / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }
}
