import StandHardware

/// Everything the simulator's screen shows at one moment, gathered from the stand.
public struct SimulatorSnapshot: Hashable, Sendable {
    /// "Demo Hot Dogs (demo-stand-01) - data /tmp/stand".
    public var title: String
    /// What the stand's display shows.
    public var display: DisplayFrame
    /// The same screen on a terminal-sized display (cart list, device line), when the stand's
    /// display is a small LCD; nil otherwise.
    public var wideView: DisplayFrame?
    /// "Printer: ok", "Printer: out of paper - 1 receipt waiting".
    public var printerTitle: String
    /// The paper: the receipt being printed or the last one cut.
    public var receiptLines: [String]
    /// The roll's width in characters (the paper panel is at least this wide).
    public var paperColumns: Int
    /// One line per device: "card terminal: ok".
    public var deviceLines: [String]
    /// "Drawer: closed, 3 pulses", "Drawer: JAMMED".
    public var drawerLine: String
    /// The card terminal's latest prompts and what the next card will do.
    public var cardLines: [String]
    /// The newest log lines.
    public var logLines: [String]
    /// A hint for the operator ("PIN 1234 logs in as Anna").
    public var hint: String?
    /// The code being typed for a scan; nil when not scanning.
    public var scanPrompt: String?

    public init(title: String, display: DisplayFrame, wideView: DisplayFrame? = nil, printerTitle: String, receiptLines: [String], paperColumns: Int = 32, deviceLines: [String],
                drawerLine: String, cardLines: [String], logLines: [String], hint: String?, scanPrompt: String?) {
        self.title = title
        self.display = display
        self.wideView = wideView
        self.printerTitle = printerTitle
        self.receiptLines = receiptLines
        self.paperColumns = paperColumns
        self.deviceLines = deviceLines
        self.drawerLine = drawerLine
        self.cardLines = cardLines
        self.logLines = logLines
        self.hint = hint
        self.scanPrompt = scanPrompt
    }
}
