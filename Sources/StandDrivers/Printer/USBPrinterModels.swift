/// Receipt printers known by their USB ids, and the rule that picks the printer among the
/// plugged devices: a configured vendor (and product) id wins; else a device with a printer
/// class interface (class 7); else a device whose id is in the table (some printers, the
/// Epson 04b8:0202 among them, ship a vendor-specific interface class).
enum USBPrinterModels {
    struct Model: Hashable, Sendable {
        var vendorID: UInt16
        /// nil: every product of the vendor.
        var productID: UInt16?
        var name: String
    }

    static let known: [Model] = [
        Model(vendorID: 0x04B8, productID: 0x0202, name: "Epson TM receipt printer (vendor class)"),
        Model(vendorID: 0x04B8, productID: 0x0E03, name: "Epson TM-T20"),
        Model(vendorID: 0x04B8, productID: 0x0E15, name: "Epson TM-T20II"),
        Model(vendorID: 0x04B8, productID: 0x0E28, name: "Epson TM-T20III"),
        Model(vendorID: 0x0519, productID: nil, name: "Star Micronics receipt printer"),
        Model(vendorID: 0x1504, productID: 0x0006, name: "Bixolon receipt printer"),
        Model(vendorID: 0x2730, productID: nil, name: "Citizen receipt printer"),
        Model(vendorID: 0x154F, productID: nil, name: "SNBC receipt printer"),
        Model(vendorID: 0x0416, productID: 0x5011, name: "generic ESC/POS printer (Winbond chip)"),
        Model(vendorID: 0x0483, productID: 0x5743, name: "generic ESC/POS printer (STM32 chip)"),
        Model(vendorID: 0x0FE6, productID: 0x811E, name: "generic ESC/POS printer (0fe6:811e)"),
        Model(vendorID: 0x6868, productID: 0x0500, name: "generic ESC/POS printer (6868:0500)"),
        Model(vendorID: 0x0456, productID: 0x0808, name: "generic ESC/POS printer (0456:0808)"),
        Model(vendorID: 0x1FC9, productID: 0x2016, name: "generic ESC/POS printer (NXP chip)"),
    ]

    /// The table's entry for a device id, an exact product before a whole vendor.
    static func model(vendorID: UInt16, productID: UInt16) -> Model? {
        known.first { $0.vendorID == vendorID && $0.productID == productID }
            ?? known.first { $0.vendorID == vendorID && $0.productID == nil }
    }

    /// What to look for.
    struct Criteria: Hashable, Sendable, CustomStringConvertible {
        var vendorID: UInt16?
        var productID: UInt16?
        var serialNumber: String?

        /// What was looked for, in words for a not-found error.
        var description: String {
            var text: String
            switch (vendorID, productID) {
            case (let vendor?, let product?): text = "the USB device \(USBDeviceDescription.hex(vendor)):\(USBDeviceDescription.hex(product))"
            case (let vendor?, nil): text = "a USB device of vendor \(USBDeviceDescription.hex(vendor))"
            default: text = "a USB printer (interface class 7) or a known receipt printer id"
            }
            if let serialNumber { text += " with serial number \(serialNumber)" }
            return text
        }
    }

    /// The device and interface to print through.
    struct Match: Hashable, Sendable {
        var device: USBDeviceDescription
        var interface: USBInterfaceDescription
        var modelName: String
    }

    static func find(in devices: [USBDeviceDescription], _ criteria: Criteria) -> Match? {
        let candidates = devices.filter { criteria.serialNumber == nil || $0.serialNumber == criteria.serialNumber }
        if let vendor = criteria.vendorID {
            let configured = candidates.filter { $0.vendorID == vendor && (criteria.productID ?? $0.productID) == $0.productID }
            return configured.lazy.compactMap { match($0, interface: printerInterface(of: $0) ?? anyBulkOutInterface(of: $0)) }.first
        }
        if let byClass = candidates.lazy.compactMap({ match($0, interface: printerInterface(of: $0)) }).first { return byClass }
        return candidates.lazy
            .filter { model(vendorID: $0.vendorID, productID: $0.productID) != nil }
            .compactMap { match($0, interface: anyBulkOutInterface(of: $0)) }
            .first
    }

    private static func match(_ device: USBDeviceDescription, interface: USBInterfaceDescription?) -> Match? {
        guard let interface else { return nil }
        let name = model(vendorID: device.vendorID, productID: device.productID)?.name
            ?? (interface.interfaceClass == USBInterfaceDescription.printerClass ? "USB printer \(device.id)" : "USB device \(device.id)")
        return Match(device: device, interface: interface, modelName: name)
    }

    private static func printerInterface(of device: USBDeviceDescription) -> USBInterfaceDescription? {
        device.interfaces.first { $0.interfaceClass == USBInterfaceDescription.printerClass && $0.bulkOut != nil }
    }

    private static func anyBulkOutInterface(of device: USBDeviceDescription) -> USBInterfaceDescription? {
        device.interfaces.first { $0.bulkOut != nil }
    }
}
