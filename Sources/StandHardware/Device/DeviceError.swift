/// What went wrong with a device, in the operator's words, with what to do about it, and the
/// technical detail for the log. New cases are added as static members.
public struct DeviceError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable code for programs and metrics: "paper-out", "disconnected".
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let notFound = Code(rawValue: "not-found")
        public static let disconnected = Code(rawValue: "disconnected")
        public static let busy = Code(rawValue: "busy")
        public static let timeout = Code(rawValue: "timeout")
        public static let paperOut = Code(rawValue: "paper-out")
        public static let coverOpen = Code(rawValue: "cover-open")
        public static let jammed = Code(rawValue: "jammed")
        public static let io = Code(rawValue: "io")
        public static let protocolViolation = Code(rawValue: "protocol")
        public static let unsupported = Code(rawValue: "unsupported")
        public static let wrongState = Code(rawValue: "wrong-state")
        public static let invalidInput = Code(rawValue: "invalid-input")
        public static let permissionDenied = Code(rawValue: "permission-denied")
    }

    public let code: Code
    /// What happened, for the operator: "The printer is out of paper."
    public let summary: String
    /// What to do: "Load a new roll and close the cover."
    public let action: String
    /// Technical detail for the log (call, errno, device path); never customer data.
    public let detail: String?
    /// The device refused the work before taking any of it (a printer's status check before a
    /// job): nothing of it happened, so doing it again later is no repeat.
    public private(set) var refusedBeforeStarting = false

    public init(code: Code, summary: String, action: String, detail: String? = nil) {
        self.code = code
        self.summary = summary
        self.action = action
        self.detail = detail
    }

    /// This error, marked as a refusal before any of the work was taken.
    public func beforeStarting() -> DeviceError {
        var refused = self
        refused.refusedBeforeStarting = true
        return refused
    }

    public var description: String {
        "\(summary) \(action)" + (detail.map { " (\($0))" } ?? "")
    }

    public static func notFound(_ kind: DeviceKind, _ where_: String, detail: String? = nil) -> DeviceError {
        DeviceError(code: .notFound, summary: "No \(kind) found at \(where_).",
                    action: "Check that it is plugged in and switched on, and that the configuration names it.", detail: detail)
    }

    public static func disconnected(_ kind: DeviceKind, detail: String? = nil) -> DeviceError {
        DeviceError(code: .disconnected, summary: "The \(kind) was disconnected.",
                    action: "Plug it back in; the stand reconnects by itself.", detail: detail)
    }

    public static func busy(_ kind: DeviceKind, detail: String? = nil) -> DeviceError {
        DeviceError(code: .busy, summary: "The \(kind) is in use by another program.",
                    action: "Stop the other program, or restart the stand.", detail: detail)
    }

    public static func timeout(_ kind: DeviceKind, _ operation: String, detail: String? = nil) -> DeviceError {
        DeviceError(code: .timeout, summary: "The \(kind) did not answer (\(operation)).",
                    action: "Check its cable and power; the stand retries.", detail: detail)
    }

    public static let paperOut = DeviceError(code: .paperOut, summary: "The printer is out of paper.",
                                             action: "Load a new roll and close the cover; waiting receipts print then.")

    public static let coverOpen = DeviceError(code: .coverOpen, summary: "The printer cover is open.",
                                              action: "Close the cover; waiting receipts print then.")

    public static func jammed(_ kind: DeviceKind, detail: String? = nil) -> DeviceError {
        DeviceError(code: .jammed, summary: "The \(kind) is jammed.", action: "Free it by hand, then try again.", detail: detail)
    }

    /// The stand's user may not open `path`; `action` says which group or rule grants it.
    public static func permissionDenied(_ kind: DeviceKind, path: String, action: String, detail: String) -> DeviceError {
        DeviceError(code: .permissionDenied, summary: "The stand may not use the \(kind) at \(path).", action: action, detail: detail)
    }

    public static func io(_ kind: DeviceKind, detail: String) -> DeviceError {
        DeviceError(code: .io, summary: "Talking to the \(kind) failed.",
                    action: "Check its cable; if it keeps failing, unplug it and plug it back in.", detail: detail)
    }

    public static func protocolViolation(_ kind: DeviceKind, detail: String) -> DeviceError {
        DeviceError(code: .protocolViolation, summary: "The \(kind) sent something the stand does not understand.",
                    action: "Check that the configured model matches the device.", detail: detail)
    }

    public static func unsupported(_ kind: DeviceKind, _ feature: String) -> DeviceError {
        DeviceError(code: .unsupported, summary: "The \(kind) cannot \(feature).",
                    action: "Use a model that can, or change the configuration.")
    }

    public static func wrongState(_ state: DeviceState, _ operation: String) -> DeviceError {
        DeviceError(code: .wrongState, summary: "The device cannot \(operation) while \(state).",
                    action: "This is a program error; restart the stand and report it.")
    }

    public static func invalidInput(_ kind: DeviceKind, _ what: String) -> DeviceError {
        DeviceError(code: .invalidInput, summary: "The \(kind) cannot take this: \(what).", action: "Correct it and try again.")
    }
}
