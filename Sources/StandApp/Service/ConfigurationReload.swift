import Foundation

/// What SIGHUP found when it read the configuration file again.
public enum ConfigurationReload: Equatable, Sendable {
    /// The file says what the stand already runs with.
    case unchanged
    /// These settings changed; the running appliance cannot take them, so they wait for a restart.
    case restartNeeded([String])
    /// The file cannot be read or is wrong: the stand keeps its configuration.
    case unreadable(String)

    /// Reads `path` again and compares it with what runs, leaving out the settings standd's
    /// command line may override (`--data-dir`, `--control-socket`).
    public static func check(path: String, running: StandConfiguration) -> ConfigurationReload {
        do {
            let reread = try StandConfiguration.load(path: path)
            let changed = changedSettings(from: running, to: reread).filter { !commandLineSettings.contains($0) }
            return changed.isEmpty ? .unchanged : .restartNeeded(changed)
        } catch {
            return .unreadable(String(describing: error))
        }
    }

    static let commandLineSettings: Set<String> = ["dataDirectory", "controlSocketPath"]

    /// The names of the settings that differ, in declaration order.
    static func changedSettings(from old: StandConfiguration, to new: StandConfiguration) -> [String] {
        zip(Mirror(reflecting: old).children, Mirror(reflecting: new).children).compactMap { before, after in
            (before.value as? AnyHashable) == (after.value as? AnyHashable) ? nil : before.label
        }
    }
}
