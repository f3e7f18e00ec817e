import Foundation

/// JSON reading and writing for catalog and promotion files: ISO 8601 dates, sorted keys, and
/// decoding failures turned into a ``CatalogError`` that names the field path.
enum CatalogFile {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(CatalogError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: data)
        } catch let error as CatalogError {
            throw error
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw .invalidFile(path: "", problem: "\(error)")
        }
    }

    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return try encoder.encode(value)
        } catch {
            preconditionFailure("catalog values always encode: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> CatalogError {
        switch error {
        case .keyNotFound(let key, let context):
            .invalidFile(path: path(context.codingPath + [key]), problem: "the field is missing")
        case .typeMismatch(let type, let context):
            .invalidFile(path: path(context.codingPath), problem: "expected \(name(of: type))")
        case .valueNotFound(let type, let context):
            .invalidFile(path: path(context.codingPath), problem: "expected \(name(of: type)), found null")
        case .dataCorrupted(let context):
            .invalidFile(path: path(context.codingPath), problem: context.underlyingError.map { "not valid JSON (\($0))" } ?? context.debugDescription)
        @unknown default:
            .invalidFile(path: "", problem: "\(error)")
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        default: "\(type)".lowercased().contains("array") ? "a list" : "an object"
        }
    }

    /// "products[2].price.cents".
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
