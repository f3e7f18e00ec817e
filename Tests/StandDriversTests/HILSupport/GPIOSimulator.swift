#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import StandDrivers
import Synchronization

/// The simulator side of a gpio-sim chip (`/sys/devices/platform/gpio-sim.N/gpiochipM`):
/// `sim_gpioK/value` is the level an output line is driven to, and writing `pull-up` or
/// `pull-down` to `sim_gpioK/pull` drives an input line as a switch would.
struct GPIOSimulator: Sendable {
    let directory: String

    init(directory: String) {
        self.directory = directory
    }

    private func file(_ line: Int, _ name: String) -> String { "\(directory)/sim_gpio\(line)/\(name)" }

    /// The level of line `line` now: 0 or 1.
    func level(_ line: Int) throws(SystemCallError) -> Int {
        let path = file(line, "value")
        let fd = try Syscalls.open(path, O_RDONLY | O_CLOEXEC)
        defer { Syscalls.close(fd) }
        return try Self.readLevel(fd, path: path)
    }

    /// Drives line `line` high (`pull-up`) or low (`pull-down`).
    func pull(_ line: Int, high: Bool) throws(SystemCallError) {
        let path = file(line, "pull")
        let fd = try Syscalls.open(path, O_WRONLY | O_CLOEXEC)
        defer { Syscalls.close(fd) }
        let text = Array((high ? "pull-up\n" : "pull-down\n").utf8)
        try Syscalls.retrying("write", path) { text.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } }
    }

    /// Starts sampling line `line`'s level on its own thread, as fast as sysfs answers, until
    /// the recorder is stopped.
    func record(_ line: Int) throws(SystemCallError) -> LevelRecorder {
        let path = file(line, "value")
        let fd = try Syscalls.open(path, O_RDONLY | O_CLOEXEC)
        return LevelRecorder(fd: fd, path: path)
    }

    fileprivate static func readLevel(_ fd: Int32, path: String) throws(SystemCallError) -> Int {
        var buffer = [UInt8](repeating: 0, count: 4)
        let count = try Syscalls.retrying("pread", path) { buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) } }
        guard count > 0, buffer[0] == UInt8(ascii: "0") || buffer[0] == UInt8(ascii: "1") else {
            throw SystemCallError(call: "pread (read '\(String(decoding: buffer.prefix(count), as: UTF8.self))', not 0 or 1)", path: path, errno: EINVAL)
        }
        return Int(buffer[0] - UInt8(ascii: "0"))
    }
}

/// One line's level over time, sampled on a thread of its own. A sample is only as good as the
/// thread's place on a busy VM's CPU, so each change is known to lie between the last sample of
/// the old level and the first of the new one, and widths come as bounds.
final class LevelRecorder: Sendable {
    /// The line held `level` from some time in `start` until the next run's start.
    struct Run: Equatable, Sendable {
        let level: Int
        /// From the last sample of the previous level (or the first sample) to the first of this one.
        let start: ClosedRange<ContinuousClock.Instant>
    }

    private final class Shared: Sendable {
        let runs = Mutex<[Run]>([])
        let failure = Mutex<SystemCallError?>(nil)
    }

    private let shared = Shared()
    private let reader: InputReaderThread
    private let fd: Int32

    fileprivate init(fd: Int32, path: String) {
        self.fd = fd
        let shared = shared
        reader = InputReaderThread(name: "gpio-sim \(path)") { shouldStop in
            var last: (level: Int, at: ContinuousClock.Instant)?
            while !shouldStop() {
                do throws(SystemCallError) {
                    let level = try GPIOSimulator.readLevel(fd, path: path)
                    let now = ContinuousClock.now
                    if level != last?.level {
                        shared.runs.withLock { $0.append(Run(level: level, start: (last?.at ?? now)...now)) }
                    }
                    last = (level, now)
                } catch {
                    shared.failure.withLock { $0 = error }
                    return
                }
                usleep(200)
            }
        }
    }

    /// Stops sampling; returns the runs of equal level seen, in order, or the read's failure.
    func stop() async throws(SystemCallError) -> [Run] {
        await reader.stop()
        Syscalls.close(fd)
        if let error = shared.failure.withLock({ $0 }) { throw error }
        return shared.runs.withLock { $0 }
    }

    /// How long run `index` lasted at least and at most (it must have a next run).
    static func width(of index: Int, in runs: [Run]) -> ClosedRange<Duration> {
        let this = runs[index].start, next = runs[index + 1].start
        return (next.lowerBound - this.upperBound)...(next.upperBound - this.lowerBound)
    }
}
