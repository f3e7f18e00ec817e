/// The operator's keypad: a USB numeric keypad (evdev), a terminal keyboard, or scripted.
/// Presses arrive as `DeviceEvent.keyPressed`.
public protocol Keypad: Device {}

/// One key press, already mapped from the device's code to the stand's meaning.
public struct KeyEvent: Hashable, Sendable, Codable {
    public let key: Key
    /// Monotonic milliseconds from the device, for latency and double-press handling.
    public let timestampMilliseconds: UInt64

    public init(_ key: Key, timestampMilliseconds: UInt64 = 0) {
        self.key = key
        self.timestampMilliseconds = timestampMilliseconds
    }
}

/// The stand's keys. A keymap (from the configuration) turns device codes into these.
public enum Key: Hashable, Sendable, Codable, CustomStringConvertible {
    case digit(Int)
    case decimalPoint
    /// A product hotkey: the number is looked up in the catalog's hotkeys ("P1" → hotkey "1").
    case product(Int)
    /// Multiply: the number typed before is the quantity of the next product.
    case quantity
    case voidLine
    case clear
    case backspace
    case subtotal
    case cash
    case card
    case enter
    case menu
    case up
    case down

    public var description: String {
        switch self {
        case .digit(let d): String(d)
        case .decimalPoint: "."
        case .product(let n): "P\(n)"
        case .quantity: "×"
        case .voidLine: "VOID"
        case .clear: "CLEAR"
        case .backspace: "⌫"
        case .subtotal: "SUBTOTAL"
        case .cash: "CASH"
        case .card: "CARD"
        case .enter: "ENTER"
        case .menu: "MENU"
        case .up: "↑"
        case .down: "↓"
        }
    }
}
