import Foundation
import Synchronization

/// Watches one output line of the GPIO simulator (its `sim_gpioN/value` file, what the chip
/// drives the line to) on its own thread and keeps every high pulse's width.
final class HILLineWatch: Sendable {
    private struct Seen {
        var pulses: [Duration] = []
        var risenAt: ContinuousClock.Instant?
        var stop = false
        var done = false
    }

    private final class Shared: Sendable {
        let seen = Mutex(Seen())
    }

    private let shared = Shared()
    let path: String

    /// `simulator`: STANDKIT_HIL_GPIO_SIM (the chip's directory); `line`: the line's offset.
    init(simulator: String, line: Int) throws {
        path = "\(simulator)/sim_gpio\(line)/value"
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw HarnessError(description: "the GPIO simulator has no \(path)")
        }
        let path = path, shared = shared
        let thread = Thread {
            let clock = ContinuousClock()
            while !shared.seen.withLock({ $0.stop }) {
                let high = (try? String(contentsOfFile: path, encoding: .utf8))?.hasPrefix("1") == true
                let now = clock.now
                shared.seen.withLock { s in
                    if high, s.risenAt == nil { s.risenAt = now }
                    if !high, let risen = s.risenAt {
                        s.pulses.append(now - risen)
                        s.risenAt = nil
                    }
                }
                usleep(2_000)
            }
            shared.seen.withLock { $0.done = true }
        }
        thread.start()
    }

    /// The widths of the pulses seen so far (a line still high is not counted yet).
    var pulses: [Duration] { shared.seen.withLock { $0.pulses } }

    func stop() async {
        shared.seen.withLock { $0.stop = true }
        while !shared.seen.withLock({ $0.done }) { try? await Task.sleep(for: .milliseconds(5)) }
    }
}
