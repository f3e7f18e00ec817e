import CLibUSB

/// A failed libusb call: which call, on which device, and libusb's result code in words.
struct USBError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libusb's result code (`LIBUSB_ERROR_…`), one of the static members or any other.
    struct Code: RawRepresentable, Hashable, Sendable {
        let rawValue: Int32
        init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ error: libusb_error) { rawValue = error.rawValue }

        static let io = Code(LIBUSB_ERROR_IO)
        static let invalidParameter = Code(LIBUSB_ERROR_INVALID_PARAM)
        static let access = Code(LIBUSB_ERROR_ACCESS)
        static let noDevice = Code(LIBUSB_ERROR_NO_DEVICE)
        static let notFound = Code(LIBUSB_ERROR_NOT_FOUND)
        static let busy = Code(LIBUSB_ERROR_BUSY)
        static let timeout = Code(LIBUSB_ERROR_TIMEOUT)
        static let overflow = Code(LIBUSB_ERROR_OVERFLOW)
        static let pipe = Code(LIBUSB_ERROR_PIPE)
        static let interrupted = Code(LIBUSB_ERROR_INTERRUPTED)
        static let noMemory = Code(LIBUSB_ERROR_NO_MEM)
        static let notSupported = Code(LIBUSB_ERROR_NOT_SUPPORTED)

        /// "LIBUSB_ERROR_BUSY".
        var name: String { String(cString: libusb_error_name(rawValue)) }
    }

    /// "libusb_claim_interface".
    let call: String
    let code: Code
    /// "04b8:0e28 on bus 1 address 5", or "libusb" for calls on no device.
    let device: String

    init(call: String, code: Code, device: String) {
        self.call = call
        self.code = code
        self.device = device
    }

    /// From a negative libusb result.
    init(call: String, result: Int32, device: String) {
        self.init(call: call, code: Code(rawValue: result), device: device)
    }

    var description: String {
        "\(call) on \(device) failed: \(code.name) (\(String(cString: libusb_strerror(code.rawValue))))"
    }
}
