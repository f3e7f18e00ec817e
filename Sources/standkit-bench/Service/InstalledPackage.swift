import Foundation

/// A standkit `.deb` unpacked with `dpkg-deb -x` into a scratch root, with its sizes: what the
/// service benchmark runs and measures instead of the benchmark's own build.
struct InstalledPackage {
    struct Binary {
        let name: String
        let bytes: Int
    }

    let debPath: String
    let version: String
    let root: URL
    let debBytes: Int
    /// The control file's `Installed-Size`, in KiB as dpkg counts it.
    let installedKiB: Int
    /// Every file under usr/bin, by name.
    let binaries: [Binary]

    var standd: String { root.appendingPathComponent("usr/bin/standd").path }
    var standctl: String { root.appendingPathComponent("usr/bin/standctl").path }

    static func unpack(_ debPath: String, into root: URL) throws -> InstalledPackage {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: debPath),
              let debBytes = (attributes[.size] as? NSNumber)?.intValue else {
            throw BenchFailure("cannot read the package \(debPath): check the path (scripts/package-deb builds one)")
        }
        let field = { (name: String) in try runTool("dpkg-deb", ["-f", debPath, name]).trimmingCharacters(in: .whitespacesAndNewlines) }
        let version = try field("Version")
        guard let installedKiB = Int(try field("Installed-Size")) else {
            throw BenchFailure("\(debPath) has no usable Installed-Size field: is it a standkit package?")
        }
        _ = try runTool("dpkg-deb", ["-x", debPath, root.path])
        let bin = root.appendingPathComponent("usr/bin")
        let binaries = try FileManager.default.contentsOfDirectory(atPath: bin.path).sorted().map { name in
            let size = try FileManager.default.attributesOfItem(atPath: bin.appendingPathComponent(name).path)[.size] as? NSNumber
            return Binary(name: name, bytes: size?.intValue ?? 0)
        }
        for needed in ["standd", "standctl"] where !binaries.contains(where: { $0.name == needed }) {
            throw BenchFailure("\(debPath) holds no usr/bin/\(needed): is it a standkit package?")
        }
        return InstalledPackage(debPath: debPath, version: version, root: root, debBytes: debBytes,
                                installedKiB: installedKiB, binaries: binaries)
    }
}
