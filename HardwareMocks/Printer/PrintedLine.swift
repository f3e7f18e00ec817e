import StandHardware

/// One printed line of text, each character with the style it was printed in.
public struct PrintedLine: Hashable, Sendable {
    /// The style of one printed character.
    public struct Style: Hashable, Sendable {
        public var bold = false
        /// 0 none, 1 single, 2 double.
        public var underline = 0
        /// Width and height multipliers, 1…8.
        public var width = 1
        public var height = 1

        public init(bold: Bool = false, underline: Int = 0, width: Int = 1, height: Int = 1) {
            self.bold = bold
            self.underline = underline
            self.width = width
            self.height = height
        }
    }

    /// The characters as the code page decoded them (one per printed byte).
    public let characters: [Character]
    public let styles: [Style]
    public let alignment: EscPosEncoder.Alignment

    public init(characters: [Character], styles: [Style], alignment: EscPosEncoder.Alignment) {
        precondition(characters.count == styles.count, "a style for each character")
        self.characters = characters
        self.styles = styles
        self.alignment = alignment
    }

    /// The characters without layout.
    public var content: String { String(characters) }

    /// Font A columns the characters take (double width takes two).
    public var columnsUsed: Int { styles.reduce(0) { $0 + $1.width } }

    /// The tallest character, in lines.
    public var heightScale: Int { styles.map(\.height).max() ?? 1 }

    /// Whether any character is bold or double-sized.
    public var isEmphasized: Bool { styles.contains { $0.bold || $0.width > 1 || $0.height > 1 } }

    /// Empty columns before the first character on paper `columns` wide.
    public func indent(columns: Int) -> Int {
        let free = max(0, columns - columnsUsed)
        switch alignment {
        case .left: return 0
        case .center: return free / 2
        case .right: return free
        }
    }

    /// The line as the paper shows it: indented by its alignment, trailing blanks dropped.
    public func rendered(columns: Int) -> String {
        var text = String(repeating: " ", count: indent(columns: columns)) + content
        while text.last == " " { text.removeLast() }
        return text
    }
}
