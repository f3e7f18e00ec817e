/// What a device can do, declared by its driver.
public struct DeviceCapabilities: Hashable, Sendable, Codable {
    /// Receipt printers: the paper roll.
    public var paperWidth: PaperWidth?
    /// Receipt printers: an auto cutter.
    public var hasCutter: Bool
    /// Receipt printers: native QR codes (GS ( k); otherwise QR codes are sent as raster images.
    public var printsQRCodes: Bool
    /// Receipt printers and drawers: status can be read back (DLE EOT, a drawer sensor).
    public var reportsStatus: Bool
    /// Cash drawers: an open/closed sensor.
    public var hasDrawerSensor: Bool
    /// Receipt printers: a drawer kick-out connector (ESC p).
    public var kicksDrawer: Bool

    public init(paperWidth: PaperWidth? = nil, hasCutter: Bool = false, printsQRCodes: Bool = false,
                reportsStatus: Bool = false, hasDrawerSensor: Bool = false, kicksDrawer: Bool = false) {
        self.paperWidth = paperWidth
        self.hasCutter = hasCutter
        self.printsQRCodes = printsQRCodes
        self.reportsStatus = reportsStatus
        self.hasDrawerSensor = hasDrawerSensor
        self.kicksDrawer = kicksDrawer
    }

    public static let none = DeviceCapabilities()
}

/// The two receipt roll widths StandKit lays out for.
public enum PaperWidth: String, Hashable, Sendable, Codable, CaseIterable {
    /// 58 mm paper: 32 columns of Font A, 384 dots.
    case mm58 = "58mm"
    /// 80 mm paper: 48 columns of Font A, 576 dots.
    case mm80 = "80mm"

    public var columns: Int { self == .mm58 ? 32 : 48 }
    public var dots: Int { self == .mm58 ? 384 : 576 }
}
