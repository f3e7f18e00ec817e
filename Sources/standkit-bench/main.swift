// standkit-bench: StandKit's benchmarks. `standkit-bench [--iterations N] [name ...]` runs the named
// benchmarks (all but the VM-only ones when none is named) and prints their figures. Add a benchmark by conforming a
// type to `Benchmark` and listing it in `benchmarks`.
import Foundation

let benchmarks: [any Benchmark] = [SaleCommitBenchmark(), ApplianceBenchmark(), ScannerDecodeBenchmark(), PrinterTransportBenchmark(),
                                   CardPaymentBenchmark(), HILBenchmark()]
/// Run only when named: they need the hardware-in-the-loop VM.
let vmOnly: Set<String> = ["hil"]

var iterations = 2000
var selected: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--iterations", let value = arguments.popFirst(), let count = Int(value), count > 0 {
        iterations = count
    } else if argument == "--list" {
        benchmarks.forEach { print("\($0.name): \($0.summary)") }
        exit(0)
    } else if benchmarks.contains(where: { $0.name == argument }) {
        selected.append(argument)
    } else {
        FileHandle.standardError.write(Data("unknown argument \(argument); known benchmarks: \(benchmarks.map(\.name).joined(separator: ", "))\n".utf8))
        exit(2)
    }
}

do {
    for benchmark in benchmarks where selected.isEmpty ? !vmOnly.contains(benchmark.name) : selected.contains(benchmark.name) {
        print("== \(benchmark.name): \(benchmark.summary)")
        for line in try benchmark.run(iterations: iterations) { print(line) }
    }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
