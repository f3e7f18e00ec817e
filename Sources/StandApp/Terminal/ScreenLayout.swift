import StandHardware

/// One screen before it is fitted to a display: fixed rows at the top and bottom, a message
/// (wrapped, shown first when space is short) and detail rows in between.
struct ScreenLayout: Hashable, Sendable {
    var top: [String] = []
    var details: [String] = []
    /// Keep the last details when not all fit (a cart list shows its newest lines).
    var detailsFromEnd = false
    var message: String?
    var bottom: [String] = []

    /// The rows for `columns` × `rows` cells: top, details, message, blank padding, bottom.
    func lines(columns: Int, rows: Int) -> [String] {
        let top = Array(self.top.prefix(rows))
        let bottom = Array(self.bottom.prefix(max(0, rows - top.count)))
        let available = max(0, rows - top.count - bottom.count)
        let messageLines = Array((message.map { ScreenLayout.wrap($0, width: columns) } ?? []).prefix(available))
        let detailRows = available - messageLines.count
        let shown = detailsFromEnd ? Array(details.suffix(detailRows)) : Array(details.prefix(detailRows))
        let padding = Array(repeating: "", count: available - messageLines.count - shown.count)
        return top + shown + messageLines + padding + bottom
    }

    /// `left` and `right` on one row of `width`, the left part cut if both do not fit.
    static func row(_ left: String, _ right: String, width: Int) -> String {
        guard !right.isEmpty else { return left }
        let room = max(0, width - right.count - 1)
        let cut = String(left.prefix(room))
        return cut + String(repeating: " ", count: max(1, width - cut.count - right.count)) + right
    }

    /// Word-wraps `text` to `width`, splitting words longer than a row.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            var word = Substring(word)
            while word.count > width {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
