import Foundation
import StandCore
import Testing

/// `standctl catalog --json`: the catalog file an installer starts /etc/standkit/catalog.json from.
@Suite struct CatalogJSONTests {
    private func catalog(_ arguments: [String]) throws -> StandCtlRunner.Result {
        let process = Process()
        process.executableURL = try StandCtlRunner.binary
        process.arguments = ["catalog", "--json"] + arguments
        return try StandCtlRunner.capture(process)
    }

    private func scratchFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).json").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theDemoCatalogLoadsBackEqual() throws {
        let result = try catalog([])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Catalog.load(json: Data(result.stdout.utf8)) == DemoStand().catalog)
    }

    @Test func aGivenCatalogFileComesBackNormalised() throws {
        let path = try scratchFile(String(decoding: try DemoStand().catalog.json(), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " "))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try catalog(["--catalog", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == String(decoding: try DemoStand().catalog.json(), as: UTF8.self) + "\n")
    }

    @Test func aBadCatalogFileIsNamedWithItsProblemAndFails() throws {
        let path = try scratchFile(#"{"currency": {"code": "EUR", "minorUnits": 2}, "taxRates": {"standard": 1900}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try catalog(["--catalog", path])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("the catalog file \(path) is not usable"), "\(result.stderr)")
        #expect(result.stderr.contains("invalid at products: the field is missing"), "\(result.stderr)")

        let missing = try catalog(["--catalog", path + ".missing"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read the catalog file \(path).missing"), "\(missing.stderr)")
    }
}
