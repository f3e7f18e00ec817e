import Foundation
import Logging
import Synchronization

/// Where the simulator's log goes while the terminal shows the stand: appended to a file in the
/// data directory (`standd.log`) and the newest lines kept for the screen's log panel.
public final class SimulatorLog: Sendable {
    private let file: FileHandle?
    private let recent = Mutex<[String]>([])
    private let keep: Int

    /// Opens (creating) `path` for appending; without a writable file only the panel shows lines.
    public init(path: String, keep: Int = 50) {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        file = FileHandle(forWritingAtPath: path)
        _ = try? file?.seekToEnd()
        self.keep = keep
    }

    /// The newest `count` lines, oldest first.
    public func lines(_ count: Int) -> [String] {
        recent.withLock { Array($0.suffix(count)) }
    }

    func append(_ line: String, level: Logger.Level) {
        try? file?.write(contentsOf: Data((line + "\n").utf8))
        guard level >= .info else { return }
        recent.withLock { lines in
            lines.append(line)
            if lines.count > keep { lines.removeFirst(lines.count - keep) }
        }
    }

    /// A swift-log handler writing here.
    public func handler(label: String) -> any LogHandler {
        Handler(label: label, log: self)
    }

    private struct Handler: LogHandler {
        let label: String
        let log: SimulatorLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let time = Date().formatted(.iso8601.time(includingFractionalSeconds: false))
            log.append("\(time) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " [\(fields)]")", level: event.level)
        }
    }
}
