import Foundation
import Synchronization

/// One benchmark of `standkit-bench`: runs `iterations` times and returns the lines to print.
protocol Benchmark {
    var name: String { get }
    var summary: String { get }
    func run(iterations: Int) throws -> [String]
}

/// Latencies of individual operations and the wall time of the whole run.
struct Timings {
    var samples: [Duration] = []
    var wall: Duration = .zero

    /// Operations per second over the wall time.
    var rate: Double { Double(samples.count) / seconds(wall) }

    func percentile(_ fraction: Double) -> Duration {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    /// "1234.5/s  p50 0.812 ms  p99 2.301 ms"
    var line: String {
        "\(format(rate, 1))/s  p50 \(format(seconds(percentile(0.50)) * 1000, 3)) ms  p99 \(format(seconds(percentile(0.99)) * 1000, 3)) ms"
    }

    /// Times `body` `count` times.
    static func measure(_ count: Int, _ body: () throws -> Void) rethrows -> Timings {
        let clock = ContinuousClock()
        var timings = Timings()
        timings.samples.reserveCapacity(count)
        let start = clock.now
        for _ in 0..<count {
            let began = clock.now
            try body()
            timings.samples.append(clock.now - began)
        }
        timings.wall = clock.now - start
        return timings
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func format(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
}

/// A fresh directory for one benchmark's files, removed by `remove()`.
struct ScratchDirectory {
    let url: URL

    init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("standkit-bench-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs async work to completion from a benchmark's synchronous entry point.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let outcome: Result<T, any Error>
        do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
        result.withLock { $0 = outcome }
        done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
}
