import Foundation
import Logging
import StandDrivers

/// Log lines on standard error as the journal reads them from a service: a `<N>` syslog
/// priority prefix (the journal strips it and keeps the level), the logger's label, the message
/// and its metadata as `key=value`. PINs, card numbers and the like never reach the line:
/// metadata under such keys is replaced, and long digit runs (a card number) are masked.
///
/// The level is the shared ``LogThreshold``'s unless a logger sets its own.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level {
        get { ownLevel ?? threshold.current }
        set { ownLevel = newValue }
    }
    private var ownLevel: Logger.Level?
    private let threshold: LogThreshold
    private let label: String
    private let write: @Sendable (String) -> Void

    public init(label: String, threshold: LogThreshold = LogThreshold(.info),
                write: @escaping @Sendable (String) -> Void = JournalLogHandler.standardError) {
        self.label = label
        self.threshold = threshold
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        var text = "<\(Self.priority(event.level))>\(label): \(Self.masked(event.message.description))"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            text += " \(key)=\(Self.quoted(Self.isSecret(key) ? "[withheld]" : Self.masked(value.description)))"
        }
        write(text + "\n")
    }

    /// syslog's priorities: 2 critical … 7 debug.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static let secretKeys: Set<String> = ["pin", "pins", "pan", "cardnumber", "track", "track2", "cvv", "cvc", "password", "secret"]

    /// Whether metadata under `key` may hold a PIN or card data.
    static func isSecret(_ key: String) -> Bool {
        let word = key.lowercased().filter { $0.isLetter || $0.isNumber }
        return secretKeys.contains(word) || word.hasSuffix("pin") || word.hasSuffix("pan")
    }

    /// Digit runs of 12 or more (spaces allowed between groups) become `[card number withheld]`.
    /// Scanned by hand rather than by a regular expression, which would bring ICU's regex engine
    /// into every log line.
    static func masked(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: isDigit) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var end = index + 1
            var digits = 1
            while end < bytes.count {
                if isDigit(bytes[end]) {
                    end += 1
                } else if bytes[end] == UInt8(ascii: " "), end + 1 < bytes.count, isDigit(bytes[end + 1]) {
                    end += 2
                } else {
                    break
                }
                digits += 1
            }
            if digits >= 12 {
                output.append(contentsOf: "[card number withheld]".utf8)
            } else {
                output.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }

    /// One `write(2)` per line, so lines from different threads never interleave.
    public static let standardError: @Sendable (String) -> Void = { line in
        _ = try? StandardStream.error.writeLine(line)
    }
}
