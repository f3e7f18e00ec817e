#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One gpio-sim line's level over time, sampled on a thread of its own. A sample is only as good
/// as the thread's place on a busy VM's CPU, so each change is known to lie between the last
/// sample of the old level and the first of the new one, and widths come as bounds.
public final class GPIOLevelRecorder: Sendable {
    /// The line held `level` from some time in `start` until the next run's start.
    public struct Run: Equatable, Sendable {
        public let level: Int
        /// From the last sample of the previous level (or the first sample) to the first of this one.
        public let start: ClosedRange<ContinuousClock.Instant>
    }

    private final class Shared: Sendable {
        let runs = Mutex<[Run]>([])
        let failure = Mutex<KernelDeviceError?>(nil)
    }

    private let shared = Shared()
    private let line: SimulatedGPIOLine
    private let sampler: DeviceSideThread

    init(line: SimulatedGPIOLine, interval: Duration) {
        self.line = line
        let shared = shared
        let pause = useconds_t(interval / .microseconds(1))
        sampler = DeviceSideThread(name: "gpio-sim line sampler") { shouldStop in
            var last: (level: Int, at: ContinuousClock.Instant)?
            while !shouldStop() {
                do throws(KernelDeviceError) {
                    let level = try line.level()
                    let now = ContinuousClock.now
                    if level != last?.level {
                        shared.runs.withLock { $0.append(Run(level: level, start: (last?.at ?? now)...now)) }
                    }
                    last = (level, now)
                } catch {
                    shared.failure.withLock { $0 = error }
                    return
                }
                usleep(pause)
            }
        }
    }

    deinit {
        sampler.requestStop()
    }

    /// The runs of equal level seen so far, in order.
    public var runs: [Run] { shared.runs.withLock { $0 } }

    /// How long each high level that has ended lasted, at least and at most: the pulses so far.
    public var highPulses: [ClosedRange<Duration>] {
        let runs = runs
        return runs.indices.dropLast().filter { runs[$0].level == 1 }.map { Self.width(of: $0, in: runs) }
    }

    /// Stops sampling; returns the runs of equal level seen, in order, or the read's failure.
    public func stop() async throws(KernelDeviceError) -> [Run] {
        await sampler.stop()
        line.close()
        if let error = shared.failure.withLock({ $0 }) { throw error }
        return runs
    }

    /// How long run `index` lasted at least and at most (it must have a next run).
    public static func width(of index: Int, in runs: [Run]) -> ClosedRange<Duration> {
        let this = runs[index].start, next = runs[index + 1].start
        return (next.lowerBound - this.upperBound)...(next.upperBound - this.lowerBound)
    }
}
