import Foundation

/// A process's memory as the kernel counts it: from /proc/PID/status (VmRSS, RssAnon, RssFile)
/// and /proc/PID/smaps_rollup (Pss: shared pages divided among the processes mapping them).
struct ProcessMemory {
    let residentKiB: Int
    let anonymousKiB: Int
    let fileKiB: Int
    let proportionalKiB: Int

    static func of(_ pid: Int32) throws -> ProcessMemory {
        let status = try fields(of: "/proc/\(pid)/status")
        let rollup = try fields(of: "/proc/\(pid)/smaps_rollup")
        func kib(_ table: [String: Int], _ name: String, in file: String) throws -> Int {
            guard let value = table[name] else { throw BenchFailure("/proc/\(pid)/\(file) has no \(name) line") }
            return value
        }
        return ProcessMemory(residentKiB: try kib(status, "VmRSS", in: "status"), anonymousKiB: try kib(status, "RssAnon", in: "status"),
                             fileKiB: try kib(status, "RssFile", in: "status"), proportionalKiB: try kib(rollup, "Pss", in: "smaps_rollup"))
    }

    /// "VmRSS:	   24816 kB" lines, by name, in KiB.
    private static func fields(of path: String) throws -> [String: Int] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchFailure("cannot read \(path): the process is gone, or /proc is not readable")
        }
        var table: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count == 3, parts[2] == "kB", let value = Int(parts[1]) { table[String(parts[0])] = value }
        }
        return table
    }
}
