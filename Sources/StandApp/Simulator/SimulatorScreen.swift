import StandHardware

/// Draws a ``SimulatorSnapshot`` as plain rows for a terminal of a given size: the stand's
/// display and the device panel on the left, the paper on the right, the log, the hint and the
/// key help below. `ansi(_:)` turns the rows into one redraw without clearing (no flicker).
public enum SimulatorScreen {
    /// The rows of the screen, each at most `width` characters, at most `height` rows.
    public static func lines(_ snapshot: SimulatorSnapshot, width: Int, height: Int) -> [String] {
        let displayWidth = snapshot.display.lines.first?.count ?? 20
        let wideWidth = (snapshot.wideView?.lines.first?.count ?? 0) + 2
        let leftWidth = max(displayWidth + 4, wideWidth, 44)
        let paperWidth = max(snapshot.paperColumns, snapshot.receiptLines.map(\.count).max() ?? 0) + 2
        let rightWidth = max(20, min(width - leftWidth - 1, max(paperWidth, snapshot.printerTitle.count + 6)))
        var below = ["Log:"] + snapshot.logLines.suffix(3).map { "  " + $0 }
        if let hint = snapshot.hint { below.append(hint) }
        below += SimulatorKeymap.help
        if let prompt = snapshot.scanPrompt { below.append("Scan code: \(prompt)_   (Enter sends it, Esc cancels)") }
        var left = box(title: "Display", lines: snapshot.display.lines, width: displayWidth + 4)
        if let wide = snapshot.wideView {
            left += box(title: "Same screen on a terminal display", lines: wide.lines, width: (wide.lines.first?.count ?? 0) + 2)
        }
        left.append("")
        left += snapshot.deviceLines
        left.append(snapshot.drawerLine)
        left += snapshot.cardLines
        let bodyHeight = max(left.count, min(height - 1 - below.count, max(snapshot.receiptLines.count + 2, 8)))
        let paperRows = max(0, bodyHeight - 2)
        let right = box(title: snapshot.printerTitle, lines: Array(snapshot.receiptLines.suffix(paperRows)), width: rightWidth,
                        minimumRows: paperRows)
        var rows = [snapshot.title]
        for index in 0..<max(left.count, right.count) {
            let leftPart = pad(index < left.count ? left[index] : "", leftWidth)
            let rightPart = index < right.count ? right[index] : ""
            rows.append(leftPart + " " + rightPart)
        }
        rows += below
        return rows.prefix(height).map { cut($0, width) }
    }

    /// One redraw: cursor home, every row cleared to its end, the rest of the screen cleared.
    public static func ansi(_ rows: [String]) -> String {
        "\u{1B}[H" + rows.map { $0 + "\u{1B}[K" }.joined(separator: "\r\n") + "\u{1B}[J"
    }

    static func box(title: String, lines: [String], width: Int, minimumRows: Int = 0) -> [String] {
        let inner = max(0, width - 2)
        let heading = cut("─ \(title) ", inner)
        var rows = ["┌" + heading + String(repeating: "─", count: max(0, inner - heading.count)) + "┐"]
        for line in lines { rows.append("│" + pad(cut(line, inner), inner) + "│") }
        for _ in lines.count..<max(lines.count, minimumRows) { rows.append("│" + String(repeating: " ", count: inner) + "│") }
        rows.append("└" + String(repeating: "─", count: inner) + "┘")
        return rows
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func cut(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width))
    }
}
