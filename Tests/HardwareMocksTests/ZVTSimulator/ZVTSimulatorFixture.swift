import HardwareMocks
import StandHardware

/// Simulators with short timeouts and an instant customer, and what tests read from their APDUs.
enum ZVTSimulatorFixture {
    static let settings = ZVTSimulatorSettings(acknowledgementTimeout: .milliseconds(200), answerTimeout: .seconds(2),
                                               customerStepDelay: .zero, powerOffDuration: .seconds(60))

    /// A simulator on a pseudo-terminal and an ECR on its slave.
    static func serial(_ settings: ZVTSimulatorSettings = settings) throws -> (ZVTTerminalSimulator, TestECR) {
        let simulator = try ZVTTerminalSimulator.pseudoTerminal(settings: settings)
        return (simulator, try TestECR.serial(simulator.devicePath ?? ""))
    }

    static func statusInformation(_ apdu: ZVTAPDU?) throws -> ZVTStatusInformation {
        guard let apdu, case .statusInformation(let information) = try ZVTTerminalMessage.decode(apdu) else {
            throw TestECR.Failure(description: "\(apdu?.description ?? "nothing") is not a status information")
        }
        return information
    }

    static func intermediateStatus(_ apdu: ZVTAPDU) throws -> UInt8 {
        guard case .intermediateStatus(let status) = try ZVTTerminalMessage.decode(apdu) else {
            throw TestECR.Failure(description: "\(apdu) is not an intermediate status")
        }
        return status.code
    }

    static func textBlock(_ apdu: ZVTAPDU?) throws -> ZVTTextBlock {
        guard let apdu, case .printTextBlock(let block) = try ZVTTerminalMessage.decode(apdu) else {
            throw TestECR.Failure(description: "\(apdu?.description ?? "nothing") is not a text block")
        }
        return block
    }

    /// The result code of an abort (`06 1E`).
    static func abortCode(_ apdu: ZVTAPDU?) throws -> UInt8 {
        guard let apdu, case .abort(let code, _) = try ZVTTerminalMessage.decode(apdu) else {
            throw TestECR.Failure(description: "\(apdu?.description ?? "nothing") is not an abort")
        }
        return code
    }
}
