import Foundation
import Testing
@testable import StandDrivers

/// The udev rules are what let standd run without root; a typo there silently leaves a device
/// unreachable, so each rule is checked for udev's syntax and every device class is covered.
@Suite struct UdevRulesTests {
    static let path = "systemd/udev/60-standkit.rules"
    static let matchKeys: Set<String> = ["SUBSYSTEM", "KERNEL", "ENV", "ATTR", "ATTRS", "SUBSYSTEMS", "DRIVERS", "ACTION"]
    static let assignKeys: Set<String> = ["GROUP", "MODE", "OWNER", "TAG", "SYMLINK"]

    func rules() throws -> [String] {
        try String(contentsOfFile: Self.path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
    }

    @Test func everyRuleIsWellFormed() throws {
        let rules = try rules()
        #expect(rules.count >= 9)
        let pair = try Regex(#"^([A-Z_]+)(\{[A-Za-z_]+\})?(==|!=|=|\+=|:=)"([^"]*)"$"#)
        for (number, rule) in rules.enumerated() {
            var matches = 0
            var assignments: [String: String] = [:]
            for part in rule.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let match = try #require(try pair.wholeMatch(in: part), "rule \(number + 1): '\(part)' is not KEY op \"value\"")
                let key = String(match.output[1].substring ?? "")
                let op = String(match.output[3].substring ?? "")
                if op == "==" || op == "!=" {
                    #expect(Self.matchKeys.contains(key), "rule \(number + 1): \(key) cannot be matched")
                    matches += 1
                } else {
                    #expect(Self.assignKeys.contains(key), "rule \(number + 1): \(key) cannot be assigned")
                    assignments[key] = String(match.output[4].substring ?? "")
                }
            }
            #expect(matches >= 1, "rule \(number + 1) matches nothing, so it would apply to every device")
            #expect(assignments["GROUP"] == "stand", "rule \(number + 1) does not give the device to group stand")
            #expect(assignments["MODE"] == "0660", "rule \(number + 1): the device must be 0660, not world-accessible")
        }
    }

    @Test func everyDeviceClassOfTheKitIsCovered() throws {
        let text = try rules().joined(separator: "\n")
        for subsystem in ["usb", "usbmisc", "tty", "input", "gpio", "i2c-dev", "video4linux"] {
            #expect(text.contains("SUBSYSTEM==\"\(subsystem)\""), "no rule for \(subsystem)")
        }
    }
}

extension UdevRulesTests {
    @Test func everyKnownPrinterIdIsGivenToTheStandGroup() throws {
        let text = try rules().joined(separator: "\n")
        for model in USBPrinterModels.known {
            var match = "ATTR{idVendor}==\"\(USBDeviceDescription.hex(model.vendorID))\""
            if let product = model.productID { match += ", ATTR{idProduct}==\"\(USBDeviceDescription.hex(product))\"" }
            #expect(text.contains(match + ", GROUP=\"stand\""), "no udev rule for \(model.name)")
        }
    }
}
