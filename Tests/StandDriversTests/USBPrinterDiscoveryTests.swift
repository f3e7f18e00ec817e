import StandHardware
@testable import StandDrivers
import Testing

@Suite struct USBPrinterDiscoveryTests {
    static let keyboard = USBFakeBus.device(0x046D, 0xC31C, interfaceClass: 3, address: 2, bulkIn: nil)

    @Test func findsAPrinterByItsPrinterClassInterfaceAmongOtherDevices() async throws {
        let unknownPrinter = USBFakeBus.device(0x28E9, 0x0289, interfaceClass: 7, address: 7)
        let bus = USBFakeBus([Self.keyboard, unknownPrinter])
        let driver = USBReceiptPrinter(settings: .init(), bus: bus)
        try await driver.start()
        #expect(await driver.attached?.device == unknownPrinter)
        #expect(await driver.attached?.interface.bulkOut == 0x02)
        #expect(await driver.attached?.modelName == "USB printer 28e9:0289")
        #expect(bus.printer(1).claimed)
        #expect(!bus.printer(0).claimed)
        await driver.close()
        #expect(!bus.printer(1).claimed, "closing releases the interface")
        #expect(await driver.state == .closed)
    }

    @Test func findsAnEpsonWithAVendorClassInterfaceByTheIdTable() async throws {
        let wifiDongle = USBFakeBus.device(0x0BDA, 0x8179, interfaceClass: 0xFF, address: 3)
        let epson = USBFakeBus.device(0x04B8, 0x0202, interfaceClass: 0xFF, address: 9)
        let bus = USBFakeBus([wifiDongle, epson])
        let driver = USBReceiptPrinter(settings: .init(), bus: bus)
        try await driver.start()
        #expect(await driver.attached?.device == epson)
        #expect(await driver.attached?.modelName == "Epson TM receipt printer (vendor class)")
        #expect(bus.printer(1).claimed && !bus.printer(0).claimed)
        await driver.close()
    }

    @Test func aConfiguredIdWinsOverAPrinterClassDevice() async throws {
        let generic = USBFakeBus.device(0x0416, 0x5011, interfaceClass: 7, address: 2)
        let bixolon = USBFakeBus.device(0x1504, 0x0006, interfaceClass: 0xFF, address: 4)
        let bus = USBFakeBus([generic, bixolon])
        let driver = USBReceiptPrinter(settings: .init(vendorID: 0x1504, productID: 0x0006), bus: bus)
        #expect(driver.identity.model == "Bixolon receipt printer")
        #expect(driver.identity.connection == .usb(vendorID: 0x1504, productID: 0x0006, serial: nil))
        try await driver.start()
        #expect(await driver.attached?.device == bixolon)
        await driver.close()
    }

    @Test func aSerialNumberPicksOneOfTwoIdenticalPrinters() async throws {
        let first = USBFakeBus.device(0x0519, 0x0003, address: 2, serial: "A1")
        let second = USBFakeBus.device(0x0519, 0x0003, address: 3, serial: "B2")
        let bus = USBFakeBus([first, second])
        let driver = USBReceiptPrinter(settings: .init(vendorID: 0x0519, serialNumber: "B2"), bus: bus)
        try await driver.start()
        #expect(await driver.attached?.device == second)
        #expect(await driver.attached?.modelName == "Star Micronics receipt printer")
        await driver.close()
    }

    @Test func nothingPluggedInGivesANotFoundErrorNamingWhatWasLookedFor() async throws {
        let bus = USBFakeBus([Self.keyboard])
        let configured = USBReceiptPrinter(settings: .init(vendorID: 0x04B8, productID: 0x0E28), bus: bus)
        let error = try #require(await #expect(throws: DeviceError.self) { try await configured.open() })
        #expect(error.code == .notFound)
        #expect(error.summary == "No USB receipt printer found: the stand looked for the USB device 04b8:0e28.")
        #expect(error.action.contains("lsusb"))
        #expect(error.detail == "USB devices seen: 046d:c31c")
        #expect(await configured.state == .closed)

        let any = USBReceiptPrinter(settings: .init(), bus: USBFakeBus([]))
        let anyError = try #require(await #expect(throws: DeviceError.self) { try await any.open() })
        #expect(anyError.summary.contains("a USB printer (interface class 7) or a known receipt printer id"))
        #expect(anyError.detail == "no USB devices on the bus")
        await configured.close()
        await any.close()
    }

    @Test func aBusyInterfaceAndAMissingPermissionSayWhatToDo() async throws {
        let bus = USBFakeBus([USBFakeBus.device(0x04B8, 0x0E15)])
        bus.change { $0.claimError = .busy }
        let driver = USBReceiptPrinter(settings: .init(), bus: bus)
        try await driver.open()
        let busy = try #require(await #expect(throws: DeviceError.self) { try await driver.claim() })
        #expect(busy.code == .busy)
        #expect(busy.summary == "Another program holds the printer's USB interface (CUPS, a second standd).")
        #expect(busy.action.contains("Stop that program"))
        #expect(busy.detail?.contains("LIBUSB_ERROR_BUSY") == true)
        #expect(await driver.state == .closed)

        bus.change {
            $0.claimError = nil
            $0.openError = .access
        }
        let denied = try #require(await #expect(throws: DeviceError.self) { try await driver.open() })
        #expect(denied.code == .permissionDenied)
        #expect(denied.action.contains("group stand") && denied.action.contains("systemd/udev/60-standkit.rules"))
        #expect(denied.detail?.contains("LIBUSB_ERROR_ACCESS") == true)

        bus.change { $0.openError = nil }
        try await driver.start()
        #expect(await driver.state == .enabled)
        await driver.close()
    }

    @Test func theIdTableKnowsTheUsualPrintersExactProductsFirst() {
        #expect(USBPrinterModels.model(vendorID: 0x04B8, productID: 0x0E28)?.name == "Epson TM-T20III")
        #expect(USBPrinterModels.model(vendorID: 0x0519, productID: 0x0042)?.name == "Star Micronics receipt printer")
        #expect(USBPrinterModels.model(vendorID: 0x2730, productID: 0x0FFF)?.name == "Citizen receipt printer")
        #expect(USBPrinterModels.model(vendorID: 0x04B8, productID: 0x1234) == nil, "Epson makes more than printers")
        #expect(USBPrinterModels.model(vendorID: 0x1D6B, productID: 0x0002) == nil)
    }

    @Test func anInvalidChunkSizeIsRefusedInWords() async throws {
        let driver = USBReceiptPrinter(settings: .init(chunkSize: 0), bus: USBFakeBus([USBFakeBus.device(0x0416, 0x5011)]))
        let error = try #require(await #expect(throws: DeviceError.self) { try await driver.open() })
        #expect(error.code == .invalidInput)
        #expect(error.summary.contains("chunk size of 0 bytes"))
    }
}
