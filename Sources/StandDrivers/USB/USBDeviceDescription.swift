/// One USB device as its descriptors describe it, read at enumeration.
struct USBDeviceDescription: Hashable, Sendable, CustomStringConvertible {
    var vendorID: UInt16
    var productID: UInt16
    var bus: UInt8
    var address: UInt8
    /// The serial number string, when the device has one and may be opened to read it.
    var serialNumber: String?
    /// The interfaces of the active configuration (the first one when none is active).
    var interfaces: [USBInterfaceDescription]

    /// "04b8:0e28".
    var id: String { "\(Self.hex(vendorID)):\(Self.hex(productID))" }

    var description: String { "\(id) on bus \(bus) address \(address)" }

    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// One interface setting: its class triple and the bulk endpoints it offers.
struct USBInterfaceDescription: Hashable, Sendable {
    /// USB interface class 7: printers.
    static let printerClass: UInt8 = 7

    var number: UInt8
    var alternateSetting: UInt8
    var interfaceClass: UInt8
    var interfaceSubclass: UInt8
    var interfaceProtocol: UInt8
    /// The bulk OUT endpoint address (0x02), where the job goes.
    var bulkOut: UInt8?
    /// The bulk IN endpoint address (0x81), where status answers come back.
    var bulkIn: UInt8?
    /// The bulk IN endpoint's packet size: a read asks for a whole packet.
    var bulkInPacketSize: Int

    init(number: UInt8, alternateSetting: UInt8 = 0, interfaceClass: UInt8, interfaceSubclass: UInt8 = 0,
         interfaceProtocol: UInt8 = 0, bulkOut: UInt8?, bulkIn: UInt8?, bulkInPacketSize: Int = 64) {
        self.number = number
        self.alternateSetting = alternateSetting
        self.interfaceClass = interfaceClass
        self.interfaceSubclass = interfaceSubclass
        self.interfaceProtocol = interfaceProtocol
        self.bulkOut = bulkOut
        self.bulkIn = bulkIn
        self.bulkInPacketSize = bulkInPacketSize
    }
}
