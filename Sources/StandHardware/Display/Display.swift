/// The operator's display: a character LCD or a terminal.
public protocol Display: Device {
    var geometry: DisplayGeometry { get }
    /// Shows a whole frame, replacing what was there.
    func show(_ frame: DisplayFrame) async throws(DeviceError)
}

/// Character cells of a display.
public struct DisplayGeometry: Hashable, Sendable, Codable {
    public let columns: Int
    public let rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// A 20×4 HD44780 character LCD.
    public static let lcd20x4 = DisplayGeometry(columns: 20, rows: 4)
}

/// What the display shows: exactly `rows` lines of exactly `columns` characters.
public struct DisplayFrame: Hashable, Sendable, Codable, CustomStringConvertible {
    public let lines: [String]

    /// Pads or cuts each line to the geometry and fills missing rows with blanks.
    public init(_ lines: [String], geometry: DisplayGeometry) {
        var fitted = lines.prefix(geometry.rows).map { line -> String in
            let cut = String(line.prefix(geometry.columns))
            return cut + String(repeating: " ", count: geometry.columns - cut.count)
        }
        while fitted.count < geometry.rows { fitted.append(String(repeating: " ", count: geometry.columns)) }
        self.lines = fitted
    }

    public var description: String { lines.joined(separator: "\n") }
}
