import Foundation

/// What SIGHUP found when it read the configuration file again.
public enum ConfigurationReload: Equatable, Sendable {
    /// The file says what the stand already runs with.
    case unchanged
    /// The file differs. The first value is the configuration to run with now: the running one
    /// with the `applied` settings taken from the file (those a running stand takes at once);
    /// the `waiting` settings changed too but take effect only at a restart.
    case changed(StandConfiguration, applied: [String], waiting: [String])
    /// The file cannot be read or is wrong: the stand keeps its configuration.
    case unreadable(String)

    /// Reads `path` again and compares it with what runs, leaving out the settings standd's
    /// command line may override (`--data-dir`, `--control-socket`).
    public static func check(path: String, running: StandConfiguration) -> ConfigurationReload {
        do {
            let reread = try StandConfiguration.load(path: path)
            let live = liveSettings(of: reread, over: running)
            let applied = changedSettings(from: running, to: live)
            let waiting = changedSettings(from: live, to: reread).filter { !commandLineSettings.contains($0) }
            return applied.isEmpty && waiting.isEmpty ? .unchanged : .changed(live, applied: applied, waiting: waiting)
        } catch {
            return .unreadable(String(describing: error))
        }
    }

    /// `running` with what may change while the stand sells: the receipt's header, footer and
    /// logo (receipts printed from then on) and the log level. Everything else is wired into
    /// devices, the store or the operator terminal when standd starts.
    static func liveSettings(of reread: StandConfiguration, over running: StandConfiguration) -> StandConfiguration {
        var live = running
        live.receiptHeader = reread.receiptHeader
        live.receiptFooter = reread.receiptFooter
        live.receiptLogoPath = reread.receiptLogoPath
        live.logLevel = reread.logLevel
        return live
    }

    static let commandLineSettings: Set<String> = ["dataDirectory", "controlSocketPath"]

    /// The names of the settings that differ, in declaration order.
    static func changedSettings(from old: StandConfiguration, to new: StandConfiguration) -> [String] {
        zip(Mirror(reflecting: old).children, Mirror(reflecting: new).children).compactMap { before, after in
            (before.value as? AnyHashable) == (after.value as? AnyHashable) ? nil : before.label
        }
    }
}
