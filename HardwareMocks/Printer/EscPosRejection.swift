/// A job the virtual printer refused: a command it does not know, or one with an invalid
/// parameter. It names the byte offset and the bytes, so the encoder's bug is easy to find.
public struct EscPosRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the command starts in the job.
    public let offset: Int
    /// The command's first bytes (up to eight).
    public let bytes: [UInt8]
    public let reason: String

    public init(offset: Int, bytes: some Collection<UInt8>, reason: String) {
        self.offset = offset
        self.bytes = Array(bytes.prefix(8))
        self.reason = reason
    }

    public var hexBytes: String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }

    public var description: String {
        "The virtual printer rejected the job at byte \(offset) (\(hexBytes)): \(reason). Fix the ESC/POS encoder or the job."
    }
}
