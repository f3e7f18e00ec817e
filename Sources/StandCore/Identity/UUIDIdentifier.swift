import Foundation

/// An identifier the system makes up: a random UUID in its canonical upper-case form. Parsing
/// and decoding refuse anything that is not a UUID.
public protocol UUIDIdentifier: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    var rawValue: String { get }
    /// Wraps a string already known to be a canonical UUID; use `init()` or `init?(_:)`.
    init(validated rawValue: String)
}

extension UUIDIdentifier {
    /// A new random id.
    public init() { self.init(validated: UUID().uuidString) }

    /// Parses a UUID string (any case); nil for anything that is not one.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.init(validated: uuid.uuidString)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = Self(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a UUID: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
