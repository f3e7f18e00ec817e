import Foundation
import Testing

/// What `scripts/hil/run` tells a command inside the hardware-in-the-loop VM (guest-init sets
/// these): the suites run only there and are skipped elsewhere with `skipReason`.
enum HILEnvironment {
    static let variables = ProcessInfo.processInfo.environment

    /// Inside the VM, with `name` set by the rig.
    static func has(_ name: String) -> Bool {
        variables["STANDKIT_HIL"] == "1" && !(variables[name] ?? "").isEmpty
    }

    /// The value of a rig variable; a test that needs it fails with the reason when it is missing.
    static func value(_ name: String) throws -> String {
        guard let value = variables[name], !value.isEmpty else { throw HILMissing(variable: name) }
        return value
    }

    static func skipReason(needs device: String) -> Comment {
        "needs \(device) of the hardware-in-the-loop VM: run it under scripts/hil/run (swift build --build-tests && scripts/hil/test runs every HIL suite in the VM)"
    }

    /// Polls `condition` every 10 ms until it holds or `timeout` passes.
    static func eventually(within timeout: Duration = .seconds(5), _ condition: () throws -> Bool) async rethrows -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if try condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try condition()
    }
}

struct HILMissing: Error, CustomStringConvertible {
    let variable: String
    var description: String { "\(variable) is not set: this test runs inside the hardware-in-the-loop VM, under scripts/hil/run" }
}
