import Foundation
import StandHardware
import Testing
@testable import StandDrivers

@Suite struct GPIOCashDrawerTests {
    @Test func aMissingChipIsNamedWithWhatToDo() async {
        let drawer = GPIOCashDrawer(settings: .init(chip: "/dev/gpiochip-standkit-missing", solenoidLine: 17))
        do {
            try await drawer.open()
            Issue.record("opened a chip that does not exist")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.summary == "No cash drawer found at GPIO chip /dev/gpiochip-standkit-missing.")
            #expect(error.detail?.contains("gpiod_chip_open_lookup") == true)
        }
        #expect(drawer.state == .closed)
        await drawer.close()
    }

    /// Runs against a real (or gpio-sim) chip: STAND_GPIO_TEST_CHIP=gpiochipN, with
    /// STAND_GPIO_TEST_LINE (solenoid, default 0). Line levels are read back through libgpiod.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STAND_GPIO_TEST_CHIP"] != nil,
                   "no GPIO chip here: set STAND_GPIO_TEST_CHIP=gpiochipN (a gpio-sim chip) to run the libgpiod drawer test"))
    func pulsesTheSolenoidLineAndReleasesIt() async throws {
        let environment = ProcessInfo.processInfo.environment
        let chip = try #require(environment["STAND_GPIO_TEST_CHIP"])
        let line = Int(environment["STAND_GPIO_TEST_LINE"] ?? "0") ?? 0
        let drawer = GPIOCashDrawer(settings: .init(chip: chip, solenoidLine: line, pulse: .milliseconds(50)))
        try await drawer.start()
        #expect(drawer.state == .enabled)
        try await drawer.openDrawer()
        await drawer.close()
        #expect(drawer.state == .closed)
        // Released: the line can be requested again.
        try await drawer.start()
        await drawer.close()
    }
}
