import Foundation

/// standd as systemd runs it, from installed packages rather than the benchmark's own build: the
/// time from exec to `READY=1` and from SIGTERM to the exit, the memory of a stand idling for a
/// minute, and the package's sizes; each next to the baseline package's figure when one is given.
struct ServiceBenchmark: Benchmark {
    struct Packages {
        var new: String?
        var baseline: String?
        var idleSeconds = 60
    }

    /// Each launch takes over half a second, so `--iterations` is capped.
    static let maximumLaunches = 15
    static let readyTarget: Duration = .milliseconds(300)
    /// The "30 MB", read as 30 × 10⁶ bytes, judged on VmRSS.
    static let residentTargetBytes = 30_000_000

    let name = "service"
    let summary = "installed packages (--package NEW.deb [--baseline OLD.deb]): exec → READY=1, SIGTERM → exit, idle RSS, sizes"
    let packages: Packages

    func run(iterations: Int) throws -> [String] {
        guard let new = packages.new else {
            throw BenchFailure("the service benchmark measures built packages: standkit-bench service --package NEW.deb "
                + "[--baseline OLD.deb], or scripts/bench service, which builds NEW.deb first")
        }
        let scratch = try ScratchDirectory("service")
        defer { scratch.remove() }
        var builds = [try ServiceBuild.prepare(label: "new", deb: new, in: scratch.url)]
        if let baseline = packages.baseline {
            builds.append(try ServiceBuild.prepare(label: "baseline", deb: baseline, in: scratch.url))
        }
        let launches = min(iterations, Self.maximumLaunches)
        progress("\(launches) launches of each build, interleaved, after one unrecorded warm-up launch each")
        for build in builds { _ = try build.startAndStop() }
        for round in 0..<launches {
            for build in round.isMultiple(of: 2) ? builds : builds.reversed() {
                let (ready, stop) = try build.startAndStop()
                build.timings.ready.samples.append(ready)
                build.timings.stop.samples.append(stop)
            }
        }
        progress("the builds side by side, idle for \(packages.idleSeconds) s after READY=1")
        let memory = try ServiceBuild.idleMemory(of: builds, seconds: packages.idleSeconds)
        return report(builds, memory: memory, launches: launches)
    }

    private func progress(_ message: String) {
        fflush(nil)
        FileHandle.standardError.write(Data("service: \(message)\n".utf8))
    }

    private func report(_ builds: [ServiceBuild], memory: [ProcessMemory], launches: Int) -> [String] {
        let new = builds[0], baseline = builds.count > 1 ? builds[1] : nil
        var lines = builds.map { "\($0.label): standkit \($0.package.version) (\($0.package.debPath))" }
        if baseline == nil { lines.append("baseline: none given, the figures stand alone") }
        var table = ComparisonTable(hasBaseline: baseline != nil)
        let mebibytes = { (bytes: Double) in format(bytes / 1_048_576, 1) + " MiB" }
        table.add(".deb file", new: Double(new.package.debBytes), baseline: baseline.map { Double($0.package.debBytes) }, unit: mebibytes)
        table.add("installed (Installed-Size)", new: Double(new.package.installedKiB * 1024),
                  baseline: baseline.map { Double($0.package.installedKiB * 1024) }, unit: mebibytes)
        for binary in new.package.binaries {
            let old = baseline?.package.binaries.first { $0.name == binary.name }
            table.add("/usr/bin/\(binary.name)", new: Double(binary.bytes), baseline: old.map { Double($0.bytes) }, unit: mebibytes)
        }
        let milliseconds = { (value: Double) in format(value, 1) + " ms" }
        for (label, keyPath) in [("exec → READY=1", \ServiceTimings.ready), ("SIGTERM → exit 0", \ServiceTimings.stop)] {
            for (statistic, fraction) in [("p50", 0.5), ("p90", 0.9), ("max", 1.0)] {
                let figure = { (build: ServiceBuild) in seconds(build.timings[keyPath: keyPath].percentile(fraction)) * 1000 }
                let verdict = keyPath == \ServiceTimings.ready
                    ? Self.verdict(figure(new) < seconds(Self.readyTarget) * 1000, target: "< 300 ms") : ""
                table.add("\(label) \(statistic)", new: figure(new), baseline: baseline.map(figure), unit: milliseconds, verdict: verdict)
            }
        }
        let idle = "idle \(packages.idleSeconds) s"
        let kib = { (value: Double) in mebibytes(value * 1024) }
        table.add("\(idle): VmRSS", new: Double(memory[0].residentKiB), baseline: memory.count > 1 ? Double(memory[1].residentKiB) : nil,
                  unit: kib, verdict: Self.verdict(memory[0].residentKiB * 1024 < Self.residentTargetBytes, target: "VmRSS < 30 MB = 28.6 MiB"))
        for (label, keyPath) in [("RssAnon", \ProcessMemory.anonymousKiB), ("RssFile", \ProcessMemory.fileKiB), ("Pss", \ProcessMemory.proportionalKiB)] {
            table.add("\(idle): \(label)", new: Double(memory[0][keyPath: keyPath]),
                      baseline: memory.count > 1 ? Double(memory[1][keyPath: keyPath]) : nil, unit: kib)
        }
        lines += table.lines
        lines.append("\(launches) launches of each build (--iterations is capped at \(Self.maximumLaunches)), interleaved, "
            + "on a warm page cache, SIGTERM \(ServiceBuild.settle) after READY=1; the idle builds ran side by side")
        return lines
    }

    private static func verdict(_ met: Bool, target: String) -> String {
        (met ? "target met: " : "OVER TARGET: ") + target
    }
}
