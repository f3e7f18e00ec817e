/// A printer job or a printer reply that StandKit refuses: what is wrong and what to do.
public enum EscPosError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A numeric parameter outside what the command accepts.
    case parameterOutOfRange(command: String, parameter: String, value: Int, allowed: ClosedRange<Int>)
    case emptyQRCode
    /// More data than a version 40 QR symbol holds at this error correction level.
    case qrDataTooLong(count: Int, limit: Int, mode: String, errorCorrection: QRErrorCorrection)
    /// A barcode payload the symbology cannot carry.
    case invalidBarcode(symbology: String, data: String, reason: String)
    /// An EAN-13 whose 13th digit is not the check digit of the first twelve.
    case wrongCheckDigit(data: String, expected: Character)
    case emptyImage
    case imageTooWide(width: Int, maximum: Int)
    case imageTooTall(height: Int, maximum: Int)
    /// A status reply byte that breaks the fixed bits of DLE EOT n.
    case malformedStatus(request: StatusRequest, byte: UInt8, reason: String)

    public var description: String {
        switch self {
        case .parameterOutOfRange(let command, let parameter, let value, let allowed):
            "\(command): \(parameter) \(value) is outside \(allowed.lowerBound)…\(allowed.upperBound); pass a value in that range."
        case .emptyQRCode:
            "A QR code needs at least one byte of data; pass the sale reference or a link."
        case .qrDataTooLong(let count, let limit, let mode, let level):
            "QR code data is \(count) \(mode) characters, more than the \(limit) a QR code holds at error correction \(level.rawValue); "
                + "shorten it (print a link instead of the content) or lower the error correction."
        case .invalidBarcode(let symbology, let data, let reason):
            "\(symbology) barcode \"\(data)\": \(reason)."
        case .wrongCheckDigit(let data, let expected):
            "EAN-13 \"\(data)\" has a wrong check digit: the first twelve digits need \(expected); check the number you were given."
        case .emptyImage:
            "The image has no pixels; pass a logo at least one dot wide and high."
        case .imageTooWide(let width, let maximum):
            "The image is \(width) dots wide but the paper prints \(maximum); scale it down to at most \(maximum) dots."
        case .imageTooTall(let height, let maximum):
            "The image is \(height) dots high; one raster command prints at most \(maximum), so crop or scale it."
        case .malformedStatus(let request, let byte, let reason):
            "The printer's reply to \(request) was 0x\(String(byte, radix: 16, uppercase: true)), which \(reason); "
                + "the printer may not speak ESC/POS, or the line is garbled: check the configured model and the cable."
        }
    }

    /// The device error a printer driver reports for it.
    public var deviceError: DeviceError {
        switch self {
        case .malformedStatus: .protocolViolation(.receiptPrinter, detail: description)
        default: .invalidInput(.receiptPrinter, description)
        }
    }
}
