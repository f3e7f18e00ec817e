import Foundation

/// The canonical JSON of journal payloads: keys sorted, no escaped slashes, no whitespace, dates
/// as integer milliseconds since 1970-01-01T00:00:00Z. The same value always encodes to the same
/// bytes, and the hash covers those bytes exactly as stored.
public enum JournalPayload {
    /// Encodes `value` canonically as UTF-8 JSON text.
    public static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(milliseconds(since1970: date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a payload written by `encode`.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            date(milliseconds: try decoder.singleValueContainer().decode(Int64.self))
        }
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// Whole milliseconds since 1970, rounded down: the precision StandKit keeps for times.
    public static func milliseconds(since1970 date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
