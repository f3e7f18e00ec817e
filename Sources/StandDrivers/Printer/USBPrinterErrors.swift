import StandHardware

extension DeviceError {
    /// A libusb failure in the operator's words, with what to do.
    static func usbPrinter(_ error: USBError) -> DeviceError {
        let detail = error.description
        switch error.code {
        case .busy:
            return DeviceError(code: .busy, summary: "Another program holds the printer's USB interface (CUPS, a second standd).",
                               action: "Stop that program; the stand takes the printer when it retries.", detail: detail)
        case .access:
            return DeviceError(code: .permissionDenied, summary: "The stand has no permission to use the USB printer.",
                               action: "Add the service user to group stand and install systemd/udev/60-standkit.rules, then plug the printer in again.",
                               detail: detail)
        case .noDevice:
            return .disconnected(.receiptPrinter, detail: detail)
        case .timeout:
            return .timeout(.receiptPrinter, error.call, detail: detail)
        case .notFound:
            return DeviceError(code: .notFound, summary: "The USB printer does not offer what the stand needs.",
                               action: "Check that the configured vendor and product id name the receipt printer.", detail: detail)
        case .pipe:
            return DeviceError(code: .io, summary: "The printer refused the transfer (its USB endpoint stalled).",
                               action: "Switch the printer off and on; if it keeps happening, check the configured model.", detail: detail)
        case .noMemory:
            return DeviceError(code: .io, summary: "The stand ran out of memory talking to the printer.",
                               action: "Restart the stand.", detail: detail)
        default:
            return .io(.receiptPrinter, detail: detail)
        }
    }
}
