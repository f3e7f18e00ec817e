// standkit-bench: StandKit's benchmarks. `standkit-bench [--iterations N] [name ...]` runs the named
// benchmarks (all but the run-when-named ones when none is named) and prints their figures.
// `standkit-bench service --package NEW.deb [--baseline OLD.deb] [--idle-seconds S]` measures installed
// packages; scripts/bench service builds NEW.deb and finds the previous one. Add a benchmark by
// conforming a type to `Benchmark` and listing it in `benchmarks`.
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
    exit(2)
}

var iterations = 2000
var packages = ServiceBenchmark.Packages()
var selected: [String] = []
var listing = false
var arguments = CommandLine.arguments.dropFirst()
@MainActor func value(of option: String) -> String {
    guard let value = arguments.popFirst() else { fail("\(option) needs a value") }
    return value
}
while let argument = arguments.popFirst() {
    switch argument {
    case "--iterations":
        guard let count = Int(value(of: argument)), count > 0 else { fail("--iterations needs a number above 0") }
        iterations = count
    case "--package": packages.new = value(of: argument)
    case "--baseline": packages.baseline = value(of: argument)
    case "--idle-seconds":
        guard let idle = Int(value(of: argument)), idle >= 0 else { fail("--idle-seconds needs a number of seconds") }
        packages.idleSeconds = idle
    case "--list": listing = true
    default: selected.append(argument)
    }
}

let benchmarks: [any Benchmark] = [SaleCommitBenchmark(), ApplianceBenchmark(), ScannerDecodeBenchmark(), PrinterTransportBenchmark(),
                                   CardPaymentBenchmark(), ServiceBenchmark(packages: packages), HILBenchmark()]
/// Run only when named: `service` needs the packages to measure, `hil` the hardware-in-the-loop VM.
let namedOnly: Set<String> = ["service", "hil"]

if listing {
    benchmarks.forEach { print("\($0.name): \($0.summary)") }
    exit(0)
}
for name in selected where !benchmarks.contains(where: { $0.name == name }) {
    fail("unknown argument \(name); known benchmarks: \(benchmarks.map(\.name).joined(separator: ", "))")
}

do {
    for benchmark in benchmarks where selected.isEmpty ? !namedOnly.contains(benchmark.name) : selected.contains(benchmark.name) {
        print("== \(benchmark.name): \(benchmark.summary)")
        for line in try benchmark.run(iterations: iterations) { print(line) }
    }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
