import StandHardware
@testable import StandDrivers
import Testing

/// The real libusb backend on this machine: whatever USB devices it has (none, in CI).
@Suite struct USBLibUSBTests {
    @Test func theContextStartsEnumeratesAndOpeningReportsTheMissingPrinter() async throws {
        let context = try USBContext()
        let devices = try context.devices()
        for device in devices {
            #expect(device.id.count == 9)
            for interface in device.interfaces {
                #expect(interface.bulkOut.map { $0 & 0x80 == 0 } ?? true, "an OUT endpoint address has bit 7 clear")
                #expect(interface.bulkIn.map { $0 & 0x80 != 0 } ?? true, "an IN endpoint address has bit 7 set")
            }
        }
        #expect(try context.devices(readingSerials: false).map(\.id) == devices.map(\.id), "serial numbers change no id")
        let settings = USBReceiptPrinter.Settings(vendorID: 0x04B8, productID: 0x0E28)
        let criteria = USBPrinterModels.Criteria(vendorID: settings.vendorID, productID: settings.productID)
        try #require(USBPrinterModels.find(in: devices, criteria) == nil,
                     "this test expects no Epson TM-T20III on the machine; devices: \(devices.map(\.description))")

        let driver = USBReceiptPrinter(settings: settings)
        let error = try #require(await #expect(throws: DeviceError.self) { try await driver.open() })
        #expect(error.code == .notFound, "\(error)")
        #expect(error.summary == "No USB receipt printer found: the stand looked for the USB device 04b8:0e28.")
        #expect(error.detail == (devices.isEmpty ? "no USB devices on the bus" : "USB devices seen: \(devices.map(\.id).joined(separator: ", "))"))
        await driver.close()
        #expect(await driver.state == .closed)
    }

    @Test func libusbErrorsNameTheCallTheDeviceAndTheCode() {
        let error = USBError(call: "libusb_claim_interface(0)", code: .busy, device: "04b8:0e28 on bus 1 address 5")
        #expect(error.description == "libusb_claim_interface(0) on 04b8:0e28 on bus 1 address 5 failed: LIBUSB_ERROR_BUSY (Resource busy)")
        #expect(USBError.Code.noDevice.name == "LIBUSB_ERROR_NO_DEVICE")
        #expect(DeviceError.usbPrinter(USBError(call: "x", code: .noDevice, device: "d")).code == .disconnected)
        #expect(DeviceError.usbPrinter(USBError(call: "x", code: .timeout, device: "d")).code == .timeout)
        #expect(DeviceError.usbPrinter(USBError(call: "x", code: .pipe, device: "d")).summary.contains("stalled"))
    }
}
