import Foundation

/// The service benchmark's figures in columns: each row's figure for the new package, the
/// baseline's where there is one, new/baseline, and the verdict against a target.
struct ComparisonTable {
    private var rows: [[String]] = []
    private let hasBaseline: Bool

    init(hasBaseline: Bool) {
        self.hasBaseline = hasBaseline
        rows.append(hasBaseline ? ["", "new", "baseline", "new/baseline", ""] : ["", "new", ""])
    }

    /// One figure; `unit` formats it, `verdict` judges the new package's.
    mutating func add(_ label: String, new: Double, baseline: Double?, unit: (Double) -> String, verdict: String = "") {
        guard hasBaseline else { return rows.append([label, unit(new), verdict]) }
        let ratio = baseline.map { $0 > 0 ? format(new / $0, 2) + "×" : "-" } ?? "-"
        rows.append([label, unit(new), baseline.map(unit) ?? "-", ratio, verdict])
    }

    var lines: [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return column == 0 || column == row.count - 1 ? row[column] + padding : padding + row[column]
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
    }
}
