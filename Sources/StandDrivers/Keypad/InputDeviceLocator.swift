import Foundation
import StandHardware

/// Finds a keyboard input device by the name it reports, for configurations that say
/// "the Logitech keypad" instead of a path: first among the stable `/dev/input/by-id/` links
/// (whose names carry the USB product name), then by asking each `/dev/input/event*` its name
/// (EVIOCGNAME).
public enum InputDeviceLocator {
    /// The path of the first input device whose name contains `name` (case and spaces versus
    /// underscores do not matter). Keyboard interfaces (`…-event-kbd`) are preferred.
    public static func path(forDeviceNamed name: String, byIDDirectory: String = "/dev/input/by-id",
                            inputDirectory: String = "/dev/input") throws(DeviceError) -> String {
        let wanted = normalized(name)
        let links = ((try? FileManager.default.contentsOfDirectory(atPath: byIDDirectory)) ?? []).sorted()
        let matching = links.filter { normalized($0).contains(wanted) && $0.contains("event") }
        if let link = matching.first(where: { $0.hasSuffix("event-kbd") }) ?? matching.first {
            return byIDDirectory + "/" + link
        }
        let events = ((try? FileManager.default.contentsOfDirectory(atPath: inputDirectory)) ?? [])
            .filter { $0.hasPrefix("event") }
            .sorted { (Int($0.dropFirst(5)) ?? .max) < (Int($1.dropFirst(5)) ?? .max) }
        for event in events {
            let path = inputDirectory + "/" + event
            guard let file = try? InputDeviceFile(path: path) else { continue }
            defer { file.close() }
            if let reported = try? file.deviceName(), normalized(reported).contains(wanted) { return path }
        }
        throw .notFound(.keypad, "an input device named \"\(name)\"",
                        detail: "searched \(byIDDirectory) and \(inputDirectory)/event*")
    }

    private static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: " ")
    }
}
